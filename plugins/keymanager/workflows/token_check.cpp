#include "workflows/token_check.hpp"

#include <string>

#include "common/km_error.hpp"

namespace arbor::km::workflows {
namespace {

error not_theirs(std::string_view alias) {
  return error(errc::not_found, "This token is not known for user '" + std::string(alias) +
                                    "': check the alias and that the token was copied completely, or ask an "
                                    "administrator for a new one.");
}

}  // namespace

redeemed_user redeem_token_of(store::sqlite::connection& db, const presented_token& presented,
                              store::token_purpose purpose, std::chrono::sys_seconds now) {
  const std::string& alias = presented.alias();
  if (!db.in_transaction()) throw error(errc::internal, "A token was redeemed outside a transaction.");
  const auto user = store::user_repository(db).find_by_alias(alias);
  if (!user) throw not_theirs(alias);
  store::redeemed_token redeemed;
  try {
    redeemed = store::token_repository(db).redeem(presented.token(), purpose, now);
  } catch (const error& e) {
    if (e.code() == errc::not_found) throw not_theirs(alias);
    throw;
  }
  if (redeemed.user_id != user->user_id) throw not_theirs(alias);
  return {*user, redeemed.token_id};
}

store::user_record check_token_of(store::sqlite::connection& db, const presented_token& presented,
                                  store::token_purpose purpose, std::chrono::sys_seconds now) {
  store::sqlite::transaction dry_run(db);  // never committed
  return redeem_token_of(db, presented, purpose, now).user;
}

}  // namespace arbor::km::workflows
