#include "crypto/certificate_facts.hpp"

#include <openssl/x509v3.h>

#include <algorithm>
#include <array>
#include <span>

#include "common/km_error.hpp"
#include "crypto/certificate_fields.hpp"
#include "crypto/ossl.hpp"
#include "crypto/thumbprint.hpp"
#include "crypto/der_cursor.hpp"

namespace arbor::km::crypto {
namespace {

using bytes = std::span<const std::uint8_t>;

// id-ce-authorityKeyIdentifier, 2.5.29.35, as a whole DER OBJECT IDENTIFIER.
constexpr std::array<std::uint8_t, 5> authority_key_id_oid{0x06, 0x03, 0x55, 0x1d, 0x23};

// Runs an OpenSSL d2i function over exactly `der`, owning the result.
template <typename T, auto Free, typename D2i>
crypto::ossl::owned<T, Free> decode_all(bytes der, D2i d2i) {
  const unsigned char* in = der.data();
  crypto::ossl::owned<T, Free> out(d2i(nullptr, &in, static_cast<long>(der.size())));
  if (!out || in != der.data() + der.size()) return nullptr;
  return out;
}

template <typename Owned>
Owned checked(Owned value, const char* field) {
  if (!value) throw error(errc::corrupt, std::string("the ") + field + " does not parse", crypto::ossl::openssl_errors());
  return value;
}

std::chrono::sys_seconds time_field(der_cursor& validity, const char* field) {
  const auto tag = validity.peek_tag();
  if (tag != der_tag::utc_time && tag != der_tag::generalized_time) throw error(errc::corrupt, std::string("the ") + field + " is not a time");
  return crypto::to_sys_seconds(
      checked(decode_all<ASN1_TIME, ASN1_TIME_free>(validity.take(*tag), d2i_ASN1_TIME), field).get());
}

// The key id of the authorityKeyIdentifier extension, empty when there is none.
std::string authority_key_id(der_cursor& tbs) {
  if (tbs.at_end()) return {};
  der_cursor extensions = tbs.enter(der_tag::context(3)).enter(der_tag::sequence);
  std::string found;
  while (!extensions.at_end()) {
    der_cursor extension = extensions.enter(der_tag::sequence);
    const bytes oid = extension.take(der_tag::oid);
    extension.skip_optional(der_tag::boolean);
    der_cursor value = extension.enter(der_tag::octet_string);
    if (!extension.at_end()) throw error(errc::corrupt, "an extension has fields after its value");
    if (!std::ranges::equal(oid, authority_key_id_oid)) continue;
    const auto aki = checked(
        decode_all<AUTHORITY_KEYID, AUTHORITY_KEYID_free>(value.take(der_tag::sequence), d2i_AUTHORITY_KEYID),
        "authority key identifier");
    found = crypto::octets_hex(aki->keyid).value_or("");
  }
  return found;
}

}  // namespace

certificate_facts certificate_facts::from_der(std::vector<std::uint8_t> der, const std::string& name) {
  certificate_facts out;
  try {
    der_cursor whole(der);
    der_cursor certificate = whole.enter(der_tag::sequence);
    if (!whole.at_end()) throw error(errc::corrupt, "bytes after the certificate");
    der_cursor tbs = certificate.enter(der_tag::sequence);
    certificate.take(der_tag::sequence);    // signatureAlgorithm
    certificate.take(der_tag::bit_string);  // signatureValue
    if (!certificate.at_end()) throw error(errc::corrupt, "fields after the signature");

    tbs.skip_optional(der_tag::context(0));
    const auto serial = checked(decode_all<ASN1_INTEGER, ASN1_INTEGER_free>(tbs.take(der_tag::integer), d2i_ASN1_INTEGER),
                                     "serial number");
    tbs.take(der_tag::sequence);  // signature
    const auto issuer =
        checked(decode_all<X509_NAME, X509_NAME_free>(tbs.take(der_tag::sequence), d2i_X509_NAME), "issuer");
    der_cursor validity = tbs.enter(der_tag::sequence);
    out.not_before = time_field(validity, "notBefore");
    out.not_after = time_field(validity, "notAfter");
    tbs.take(der_tag::sequence);  // subject
    const bytes spki = tbs.take(der_tag::sequence);
    out.subject_public_key_info.assign(spki.begin(), spki.end());
    tbs.skip_optional(der_tag::context_primitive(1));
    tbs.skip_optional(der_tag::context_primitive(2));
    out.authority_key_id_hex = authority_key_id(tbs);
    if (!tbs.at_end()) throw error(errc::corrupt, "fields after the extensions");

    out.serial_decimal = crypto::serial_decimal_text(serial.get());
    out.serial_hex = crypto::serial_hex_text(serial.get());
    out.issuer = crypto::name_text(issuer.get());
  } catch (const error& e) {
    throw error(errc::corrupt, "The transfer file holds a certificate that does not parse: " + name + ".",
                std::string(e.what()) + (e.technical().empty() ? "" : ": " + e.technical()));
  }
  out.sha256_hex = crypto::sha256_hex(std::span<const std::uint8_t>(der));
  out.der = std::move(der);
  return out;
}

}  // namespace arbor::km::crypto
