#include "escrow/history_entry.hpp"

#include <chrono>

#include "crypto/thumbprint.hpp"

namespace arbor::km::escrow {
namespace {

std::int64_t unix_seconds(std::chrono::system_clock::time_point when) {
  return std::chrono::duration_cast<std::chrono::seconds>(when.time_since_epoch()).count();
}

}  // namespace

store::key_entry history_entry(std::string user_id, std::string key_id, const crypto::certificate& cert,
                               std::vector<std::uint8_t> sealed_key, std::int64_t now) {
  store::key_entry entry;
  entry.key_id = std::move(key_id);
  entry.user_id = std::move(user_id);
  entry.cert_der = cert.der();
  entry.cert_sha256 = crypto::sha256_hex(cert);
  entry.serial_decimal = cert.serial_decimal();
  entry.serial_hex = cert.serial_hex();
  entry.issuer = cert.issuer();
  entry.authority_key_id = cert.authority_key_id_hex().value_or("");
  entry.not_before = unix_seconds(cert.not_before());
  entry.not_after = unix_seconds(cert.not_after());
  entry.sealed_key = std::move(sealed_key);
  entry.status = store::key_status::valid;
  entry.added_at = now;
  return entry;
}

}  // namespace arbor::km::escrow
