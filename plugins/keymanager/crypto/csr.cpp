#include "crypto/csr.hpp"

#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <algorithm>

#include "common/km_error.hpp"
#include "crypto/common_name.hpp"
#include "crypto/ossl.hpp"

namespace arbor::km::crypto {
namespace {

constexpr std::size_t max_email = 254;       // RFC 5321 path limit

bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// RFC 5322 "atext" plus dots: the local parts mail systems actually hand out.
bool is_local_part_char(char c) {
  return is_ascii_alnum(c) || std::string_view("!#$%&'*+/=?^_`{|}~.-").find(c) != std::string_view::npos;
}

bool is_domain_char(char c) { return is_ascii_alnum(c) || c == '.' || c == '-'; }

void validate_email(std::string_view email) {
  const auto at = email.find('@');
  const bool well_formed =
      email.size() <= max_email && at != std::string_view::npos && at > 0 && at + 1 < email.size() &&
      std::all_of(email.begin(), email.begin() + at, is_local_part_char) &&
      std::all_of(email.begin() + at + 1, email.end(), is_domain_char);
  if (!well_formed) {
    throw error(errc::bad_input, "'" + std::string(email) +
                                     "' is not an e-mail address a certificate can carry "
                                     "(expected name@domain in plain ASCII, without quotes, "
                                     "spaces or commas)");
  }
}

// Built as a structure, not from OpenSSL's "email:..." config syntax, so no character of the
// address can be read as syntax.
ossl::x509_extension_ptr email_alt_name(std::string_view email) {
  ossl::asn1_ia5string_ptr address(ossl::require(ASN1_IA5STRING_new(), "could not allocate"));
  ossl::require_ok(ASN1_STRING_set(address.get(), email.data(), static_cast<int>(email.size())),
                   "could not set the e-mail address");
  ossl::general_name_ptr name(ossl::require(GENERAL_NAME_new(), "could not allocate"));
  GENERAL_NAME_set0_value(name.get(), GEN_EMAIL, address.release());
  const ossl::general_names_ptr names(ossl::require(sk_GENERAL_NAME_new_null(), "could not allocate"));
  if (sk_GENERAL_NAME_push(names.get(), name.get()) <= 0) ossl::throw_crypto("could not allocate");
  name.release();  // now owned by `names`
  return ossl::x509_extension_ptr(ossl::require(
      X509V3_EXT_i2d(NID_subject_alt_name, 0, names.get()), "could not encode subjectAltName"));
}

void add_extensions(X509_REQ* req, std::string_view email) {
  const ossl::extension_stack_ptr extensions(
      ossl::require(sk_X509_EXTENSION_new_null(), "could not allocate"));
  ossl::x509_extension_ptr alt_name = email_alt_name(email);
  if (sk_X509_EXTENSION_push(extensions.get(), alt_name.get()) <= 0) {
    ossl::throw_crypto("could not allocate");
  }
  alt_name.release();  // now owned by `extensions`
  ossl::require_ok(X509_REQ_add_extensions(req, extensions.get()),
                   "could not add extensions to the request");
}

}  // namespace

void check_csr_subject(std::string_view common_name, std::string_view email) {
  validate_email(email);
  const ossl::x509_name_ptr name(ossl::require(X509_NAME_new(), "could not allocate a name"));
  add_common_name(name.get(), common_name, "the user's name");
}

std::string make_csr(const private_key& key, std::string_view common_name, std::string_view email) {
  validate_email(email);
  const ossl::x509_req_ptr req(ossl::require(X509_REQ_new(), "could not allocate a request"));
  ossl::require_ok(X509_REQ_set_version(req.get(), X509_REQ_VERSION_1),
                   "could not set the request version");
  add_common_name(X509_REQ_get_subject_name(req.get()), common_name, "the user's name");
  ossl::require_ok(X509_REQ_set_pubkey(req.get(), key.native()), "could not set the public key");
  add_extensions(req.get(), email);
  if (X509_REQ_sign(req.get(), key.native(), EVP_sha256()) <= 0) {
    ossl::throw_crypto("could not sign the certificate request");
  }
  const ossl::bio_ptr bio = ossl::new_memory_bio();
  ossl::require_ok(PEM_write_bio_X509_REQ(bio.get(), req.get()), "could not encode the request");
  return ossl::memory_bio_text(bio.get());
}

}  // namespace arbor::km::crypto
