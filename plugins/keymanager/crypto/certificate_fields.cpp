#include "crypto/certificate_fields.hpp"

#include <openssl/bn.h>

#include <algorithm>
#include <cctype>
#include <ctime>

#include "common/hex.hpp"
#include "crypto/ossl.hpp"

namespace arbor::km::crypto {
namespace {

ossl::bignum_ptr serial_number(const ASN1_INTEGER* serial) {
  return ossl::bignum_ptr(
      ossl::require(ASN1_INTEGER_to_BN(serial, nullptr), "could not read the certificate serial number"));
}

}  // namespace

std::string name_text(const X509_NAME* name) {
  const ossl::bio_ptr bio = ossl::new_memory_bio();
  constexpr unsigned long flags = XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB;
  if (X509_NAME_print_ex(bio.get(), name, 0, flags) < 0) {
    ossl::throw_crypto("could not format a certificate name");
  }
  return ossl::memory_bio_text(bio.get());
}

std::string serial_decimal_text(const ASN1_INTEGER* serial) {
  const ossl::string_ptr text(BN_bn2dec(serial_number(serial).get()));
  if (!text) ossl::throw_crypto("could not format the certificate serial number");
  return text.get();
}

std::string serial_hex_text(const ASN1_INTEGER* serial) {
  const ossl::string_ptr text(BN_bn2hex(serial_number(serial).get()));
  if (!text) ossl::throw_crypto("could not format the certificate serial number");
  std::string hex = text.get();
  std::transform(hex.begin(), hex.end(), hex.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return hex;
}

std::chrono::sys_seconds to_sys_seconds(const ASN1_TIME* time) {
  std::tm tm{};
  ossl::require_ok(ASN1_TIME_to_tm(time, &tm), "could not read a certificate date");
  using namespace std::chrono;
  const sys_days day = year{tm.tm_year + 1900} / month{static_cast<unsigned>(tm.tm_mon + 1)} /
                       static_cast<unsigned>(tm.tm_mday);
  return day + hours{tm.tm_hour} + minutes{tm.tm_min} + seconds{tm.tm_sec};
}

std::optional<std::string> octets_hex(const ASN1_OCTET_STRING* octets) {
  if (octets == nullptr) return std::nullopt;
  return to_hex({ASN1_STRING_get0_data(octets), static_cast<std::size_t>(ASN1_STRING_length(octets))});
}

}  // namespace arbor::km::crypto
