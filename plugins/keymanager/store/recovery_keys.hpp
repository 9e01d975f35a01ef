#pragma once
// The keys a recovery token opens (schema version 6): a user's key history, each key re-sealed by
// Recover Keys under a key derived from the token, so that Redeem Recovery Token opens them with
// the token alone. Only the token's SHA-256 is stored (store/tokens.hpp), so these rows open
// nothing without the token the user was given. Stores bytes; knows nothing of crypto.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.hpp"

namespace arbor::km::store {

struct recovery_key {
  std::string key_id;
  std::vector<std::uint8_t> sealed_key;
};

class recovery_key_repository {
 public:
  explicit recovery_key_repository(sqlite::connection& db) : db_(db) {}

  void add(std::string_view token_id, const recovery_key& key);
  std::vector<recovery_key> list(std::string_view token_id);
  // Once redeemed, nothing of them is kept.
  void remove(std::string_view token_id);

 private:
  sqlite::connection& db_;
};

}  // namespace arbor::km::store
