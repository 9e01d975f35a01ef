#include "crypto/pkcs12.hpp"

#include <openssl/pkcs12.h>

#include <algorithm>

#include "common/km_error.hpp"
#include "crypto/ossl.hpp"

namespace arbor::km::crypto {
namespace {

// Far above OpenSSL's default of 2048: the file travels by mail and USB sticks, and a user opens
// it rarely, so slowing password guessing is worth a fraction of a second.
constexpr int iterations = 100'000;
constexpr int cipher = NID_aes_256_cbc;

// OpenSSL's PKCS#12 API takes C strings; the copy is wiped like the original.
secret c_string(const secret& password) {
  const bool has_nul = std::find(password.data(), password.data() + password.size(), 0) !=
                       password.data() + password.size();
  if (password.empty() || has_nul) {
    throw error(errc::bad_input,
                "the PKCS#12 password must not be empty and must not contain a NUL character");
  }
  secret text(password);
  text.resize(password.size() + 1);
  return text;
}

void check_entries(std::span<const pkcs12_entry> entries) {
  if (entries.empty()) throw error(errc::bad_input, "a PKCS#12 file needs at least one key");
  for (const pkcs12_entry& entry : entries) {
    if (!entry.key.matches(entry.cert)) {
      throw error(errc::bad_input, "the private key for " + entry.cert.subject() +
                                       " (serial " + entry.cert.serial_hex() +
                                       ") does not match its certificate");
    }
  }
}

// Friendly name and local key id on a bag; the same id on a key and a certificate pairs them.
void label(PKCS12_SAFEBAG* bag, const pkcs12_entry& entry, std::span<const unsigned char> id) {
  if (!entry.friendly_name.empty()) {
    ossl::require_ok(PKCS12_add_friendlyname_utf8(bag, entry.friendly_name.c_str(),
                                                  static_cast<int>(entry.friendly_name.size())),
                     "could not name a PKCS#12 entry");
  }
  ossl::require_ok(PKCS12_add_localkeyid(bag, const_cast<unsigned char*>(id.data()),
                                         static_cast<int>(id.size())),
                   "could not label a PKCS#12 entry");
}

void add_entry(STACK_OF(PKCS12_SAFEBAG) * cert_bags, STACK_OF(PKCS12_SAFEBAG) * key_bags,
               const pkcs12_entry& entry, const char* password) {
  unsigned char id[EVP_MAX_MD_SIZE];
  unsigned int id_size = 0;
  ossl::require_ok(X509_digest(entry.cert.native(), EVP_sha1(), id, &id_size),
                   "could not compute a local key id");
  PKCS12_SAFEBAG* cert_bag = ossl::require(PKCS12_add_cert(&cert_bags, entry.cert.native()),
                                           "could not add a certificate to the PKCS#12 file");
  label(cert_bag, entry, {id, id_size});
  PKCS12_SAFEBAG* key_bag =
      ossl::require(PKCS12_add_key(&key_bags, entry.key.native(), 0, iterations, cipher, password),
                    "could not add a private key to the PKCS#12 file");
  label(key_bag, entry, {id, id_size});
}

std::vector<std::uint8_t> to_der(PKCS12* p12) {
  const int size = i2d_PKCS12(p12, nullptr);
  if (size <= 0) ossl::throw_crypto("could not encode the PKCS#12 file");
  std::vector<std::uint8_t> der(static_cast<std::size_t>(size));
  unsigned char* out = der.data();
  if (i2d_PKCS12(p12, &out) != size) ossl::throw_crypto("could not encode the PKCS#12 file");
  return der;
}

}  // namespace

std::vector<std::uint8_t> make_pkcs12(std::span<const pkcs12_entry> entries,
                                      const secret& password,
                                      std::span<const certificate> ca_certs) {
  check_entries(entries);
  const secret pass = c_string(password);
  const char* pw = reinterpret_cast<const char*>(pass.data());

  // The bag stacks own the bags that PKCS12_add_cert/PKCS12_add_key push onto them.
  const ossl::safebag_stack_ptr cert_bags(
      ossl::require(sk_PKCS12_SAFEBAG_new_null(), "could not allocate"));
  const ossl::safebag_stack_ptr key_bags(
      ossl::require(sk_PKCS12_SAFEBAG_new_null(), "could not allocate"));
  for (const pkcs12_entry& entry : entries) add_entry(cert_bags.get(), key_bags.get(), entry, pw);
  for (const certificate& ca : ca_certs) {
    STACK_OF(PKCS12_SAFEBAG)* bags = cert_bags.get();
    ossl::require(PKCS12_add_cert(&bags, ca.native()), "could not add a CA certificate");
  }

  const ossl::pkcs7_stack_ptr safes(ossl::require(sk_PKCS7_new_null(), "could not allocate"));
  STACK_OF(PKCS7)* safe_list = safes.get();
  ossl::require_ok(PKCS12_add_safe(&safe_list, cert_bags.get(), cipher, iterations, pw),
                   "could not encrypt the certificates");
  // Each key bag is already shrouded with its own encryption, so this safe stays plain.
  ossl::require_ok(PKCS12_add_safe(&safe_list, key_bags.get(), -1, 0, nullptr),
                   "could not add the keys");
  const ossl::pkcs12_ptr p12(
      ossl::require(PKCS12_add_safes(safes.get(), 0), "could not assemble the PKCS#12 file"));
  ossl::require_ok(PKCS12_set_mac(p12.get(), pw, -1, nullptr, 0, iterations, EVP_sha256()),
                   "could not protect the PKCS#12 file");
  return to_der(p12.get());
}

}  // namespace arbor::km::crypto
