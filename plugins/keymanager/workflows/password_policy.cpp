#include "workflows/password_policy.hpp"

#include "common/km_error.hpp"
#include "workflows/key_opening.hpp"
#include "workflows/task_audit.hpp"

#include <optional>
#include <utility>

namespace arbor::km::workflows {

policy_change::policy_change(std::string task, std::int64_t required) : task_(std::move(task)), required_(required) {
  if (task_.empty()) throw error(errc::bad_input, "Choose the task whose password policy changes.");
  if (required_ < 1)
    throw error(errc::bad_input, "'" + std::to_string(required_) + "' is not a number of administrators: type 1 or more.");
}

void change_password_policy(key_manager& kms, const site& where, const authorization& who,
                            const std::vector<credential>& credentials, const secret& hsm_pin,
                            const policy_change& change) {
  const auth::password_hasher hasher(where.argon2);
  auth::login policy(kms.db(), hasher, kms.clock());
  const auto splits_anew = [&] { return opens_keys(change.task()) && change.required() != policy.key_threshold(); };
  // A new number for the key-opening tasks splits the vault anew: the keys are opened first,
  // outside the transaction, so a refusal to open them stays in the audit log.
  std::optional<opened_vault> keys;
  if (splits_anew()) keys.emplace(open_keys(kms, where, who, credentials, hsm_pin));
  failure_audited(kms, who.actor(), "policy-changed",
                  "task=" + change.task() + "; required=" + std::to_string(change.required()), [&] {
                    store::sqlite::transaction tx(kms.db());
                    // Decided before this transaction: another task may have changed the number
                    // (and split the keys anew) since. Stored over that, the policy would ask
                    // fewer administrators than the shares need.
                    if (!keys && splits_anew())
                      throw error(errc::conflict,
                                  "Another task changed how many administrators the key tasks need while this "
                                  "change was being made: nothing was changed. Read the Passwords tab again, "
                                  "then make your change.");
                    policy.set_policy(who, change.task(), change.required());
                    if (keys) kms.vault().share_out(*keys, change.required());
                    tx.commit();
                  });
}

}  // namespace arbor::km::workflows
