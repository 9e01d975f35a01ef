#include "workflows/history_entry.hpp"

#include <chrono>


namespace arbor::km::workflows {
namespace {

}  // namespace

store::key_entry history_entry(std::string user_id, std::string key_id, crypto::certificate_facts cert,
                               std::vector<std::uint8_t> sealed_key, std::chrono::sys_seconds now) {
  store::key_entry entry;
  entry.key_id = std::move(key_id);
  entry.user_id = std::move(user_id);
  entry.cert_der = std::move(cert.der);
  entry.cert_sha256 = std::move(cert.sha256_hex);
  entry.serial_decimal = std::move(cert.serial_decimal);
  entry.serial_hex = std::move(cert.serial_hex);
  entry.issuer = std::move(cert.issuer);
  entry.authority_key_id = std::move(cert.authority_key_id_hex);
  entry.not_before = cert.not_before;
  entry.not_after = cert.not_after;
  entry.sealed_key = std::move(sealed_key);
  entry.status = store::key_status::valid;
  entry.added_at = now;
  return entry;
}

}  // namespace arbor::km::workflows
