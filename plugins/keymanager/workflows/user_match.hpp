#pragma once
// How an incoming user relates to the users this server already has. Import matches on the
// stable user id only; alias and e-mail are names people chose and may belong to someone else,
// so a user whose id is new but whose alias or e-mail is taken is "unknown" and never merged
// without the operator saying so.
#include <optional>
#include <vector>

#include "store/users.hpp"
#include "transfer/user_record.hpp"

namespace arbor::km::workflows {

// The three cases DESIGN.md names. Zero is not a valid kind.
enum class match_kind {
  new_user = 1,  // id unknown here, alias and e-mail free: added as is
  known,         // id known here: keys merged into that user's history
  unknown,       // id unknown, but alias or e-mail belongs to another user: the operator decides
};

// The verdict for one incoming user.
struct user_match {
  match_kind kind = match_kind::new_user;
  std::optional<store::user_record> existing;  // known: the user with the same id
  std::vector<store::user_record> candidates;  // unknown: the users sharing its alias or e-mail
};

// Reads only. An empty e-mail address matches nobody.
user_match match_user(store::user_repository& users, const transfer::user_record& incoming);

}  // namespace arbor::km::workflows
