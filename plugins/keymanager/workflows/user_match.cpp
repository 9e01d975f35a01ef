#include "workflows/user_match.hpp"

#include <algorithm>

namespace arbor::km::workflows {
namespace {

void add_candidate(std::vector<store::user_record>& candidates, store::user_record user) {
  const bool listed = std::any_of(candidates.begin(), candidates.end(),
                                  [&](const store::user_record& c) { return c.user_id == user.user_id; });
  if (!listed) candidates.push_back(std::move(user));
}

}  // namespace

user_match match_user(store::user_repository& users, const transfer::user_record& incoming) {
  user_match match;
  if (auto same = users.find_by_id(incoming.user_id)) {
    match.kind = match_kind::known;
    match.existing = std::move(same);
    return match;
  }
  if (auto by_alias = users.find_by_alias(incoming.alias)) add_candidate(match.candidates, std::move(*by_alias));
  if (!incoming.email.empty())
    for (auto& by_email : users.find_by_email(incoming.email)) add_candidate(match.candidates, std::move(by_email));
  match.kind = match.candidates.empty() ? match_kind::new_user : match_kind::unknown;
  return match;
}

}  // namespace arbor::km::workflows
