#pragma once
// A key-history row for store and workflow tests that need rows, not real keys: its ids,
// serials and digest are made from the user id and `k`, so each is unique and easy to read.
#include "store/key_history.hpp"

#include <cstdint>
#include <string>

namespace arbor::km::testing {

inline store::key_entry test_key_entry(const std::string& user_id, int k, store::key_status status) {
  store::key_entry e;
  e.key_id = user_id + "-k" + std::to_string(k);
  e.user_id = user_id;
  e.cert_der = {0x30, static_cast<std::uint8_t>(k)};
  e.cert_sha256 = e.key_id;
  e.serial_decimal = e.key_id;
  e.serial_hex = e.key_id;
  e.issuer = "CN=Test CA";
  e.sealed_key = {1, 2, 3};
  e.status = status;
  return e;
}

}  // namespace arbor::km::testing
