#pragma once
// Redeeming a user's one-time token: the token must be valid for its purpose (see
// store::token_repository::redeem) and have been issued to the user who presents it.
#include <cstdint>
#include <string>

#include "store/sqlite.hpp"
#include "store/tokens.hpp"
#include "store/users.hpp"
#include "workflows/presented_token.hpp"

namespace arbor::km::workflows {

/// A redeemed token's user, and the token's id (recovery keys are stored under it).
struct redeemed_user {
  store::user_record user;
  std::string token_id;
};

/// Redeems `presented` (a token for its alias) and returns the user. Runs inside the caller's
/// transaction: the token counts as used only when the caller commits, so a caller that rolls
/// back has merely checked it. errc::not_found when there is no such user or the token is not
/// theirs (the same words as an unknown token, so a token reveals nothing about other users),
/// and the refusals of token_repository::redeem.
redeemed_user redeem_token_of(store::sqlite::connection& db, const presented_token& presented,
                              store::token_purpose purpose, std::chrono::sys_seconds now);

/// Checks what redeem_token_of would, and changes nothing.
store::user_record check_token_of(store::sqlite::connection& db, const presented_token& presented,
                                  store::token_purpose purpose, std::chrono::sys_seconds now);

}  // namespace arbor::km::workflows
