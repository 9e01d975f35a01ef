#include "workflows/upgrade_keys.hpp"

#include "instance/upgrade.hpp"
#include "workflows/key_opening.hpp"
#include "workflows/task_audit.hpp"

namespace arbor::km::workflows {

void upgrade_keys(key_manager& kms, const site& where, const authorization& who,
                  const std::vector<credential>& credentials) {
  const auto keys = keyslot_keys(who, credentials);
  // Recorded in the upgrade's transaction: a crash after its commit does not lose the entry.
  const auto audit = [&](const upgrade_result& done) {
    std::string detail = "keys re-sealed=" + std::to_string(done.keys) + "; master.key removed; backup " +
                         done.backup.filename().string() + " still needs the old master.key";
    if (done.kept_key) detail += "; a copy of master.key was kept, as asked, in " + done.kept_key->string();
    record_audit(kms, who.actor(), "keys-upgraded", detail, audit_outcome::success);
  };
  failure_audited(kms, who.actor(), "keys-upgraded", "master.key to keyslots", [&] {
    return upgrade(kms, keys, key_threshold(kms, where), where.argon2, where.keep_legacy_master_key, audit);
  });
}

}  // namespace arbor::km::workflows
