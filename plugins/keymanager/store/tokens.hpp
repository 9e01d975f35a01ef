#pragma once
// One-time tokens that let a user enroll or recover their keys. Only a SHA-256 of each token is
// stored, so a copy of kms.db or of a backup cannot be used to redeem one.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/secret.hpp"
#include "store/sqlite.hpp"

namespace arbor::km::store {

// What a token lets its user do.
enum class token_purpose {
  enroll = 1,
  recover,
};

// A freshly issued token. `token` is the only copy of the clear value: hand it to the user.
struct issued_token {
  std::string token_id;
  secret token;
  std::chrono::sys_seconds expires_at{};
};

// What a successfully redeemed token was for.
struct redeemed_token {
  std::string token_id;
  std::string user_id;
  token_purpose purpose = token_purpose::enroll;
};

// Issues and redeems tokens; see the file comment.
class token_repository {
 public:
  explicit token_repository(sqlite::connection& db) : db_(db) {}

  // Issues a 128-bit random token for `user_id`, valid for `lifetime_s` seconds from `now`.
  // errc::not_found when the user does not exist; errc::bad_input for a lifetime <= 0.
  issued_token issue(std::string_view user_id, token_purpose purpose, std::chrono::sys_seconds now,
                     std::chrono::seconds lifetime);

  // Checks the token and marks it used, in one transaction, so it can be redeemed once only.
  // Each refusal has its own message: errc::not_found (unknown token), errc::bad_input (issued
  // for the other purpose, or expired), errc::conflict (already used).
  redeemed_token redeem(const secret& token, token_purpose purpose, std::chrono::sys_seconds now);

 private:
  sqlite::connection& db_;
};

}  // namespace arbor::km::store
