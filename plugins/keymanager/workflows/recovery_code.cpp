#include "workflows/recovery_code.hpp"

#include <openssl/rand.h>

#include "auth/administrators.hpp"
#include "common/km_error.hpp"
#include "workflows/key_opening.hpp"
#include "workflows/task_audit.hpp"

namespace arbor::km::workflows {
namespace {

constexpr int groups = 8;
constexpr int digits_per_group = 6;

// Uniform digits: bytes of 250 and more are drawn again, so no digit is likelier than another.
secret random_code() {
  secret code;
  code.reserve(groups * (digits_per_group + 1));
  int written = 0;
  while (written < groups * digits_per_group) {
    unsigned char byte = 0;
    if (RAND_priv_bytes(&byte, 1) != 1) throw error(errc::crypto, "could not draw random bytes for a recovery code");
    if (byte >= 250) continue;
    if (written > 0 && written % digits_per_group == 0) code.append("-");
    const char digit = static_cast<char>('0' + byte % 10);
    code.append(std::string_view(&digit, 1));
    ++written;
  }
  return code;
}

}  // namespace

secret create_recovery_code(key_manager& kms, const site& where, const authorization& who,
                            const std::vector<credential>& credentials, const secret& hsm_pin) {
  const auth::password_hasher hasher(where.argon2);
  auth::administrators admins(kms.db(), hasher, kms.clock());
  const auto names = admins.names();
  if (std::find(names.begin(), names.end(), recovery_administrator) != names.end())
    throw error(errc::conflict, "There is a recovery code already: remove the administrator 'recovery' first to "
                                "make a new one (the old code then opens nothing in the database).");
  const auto keys = open_keys(kms, where, who, credentials, hsm_pin);
  secret code = random_code();
  failure_audited(kms, who.actor(), "recovery-code-created", "", [&] {
    store::sqlite::transaction tx(kms.db());
    auto vault = kms.vault();
    admins.add(who, recovery_administrator, code);
    vault.add_keyslot(keys, {std::string(recovery_administrator), &code}, where.argon2);
    vault.share_out(keys, vault.threshold());
    tx.commit();
  });
  record_audit(kms, who.actor(), "recovery-code-created", "keyslot of 'recovery'", audit_outcome::success);
  return code;
}

}  // namespace arbor::km::workflows
