#pragma once
// What the details pane lists of this Key Manager: who it is (its identity's subject and short
// code, public like the certificate), one row per user, the pending revocations,
// the interrupted exports resolved in the last week, whether the initial password is in use, and
// who still has to log in for a keyslot (or for the upgrade from master.key).
// Read-only: no login.
#include "crypto/short_code.hpp"
#include "store/pending_revocations.hpp"
#include "workflows/site.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace arbor::km::workflows {

using store::pending_revocation;
using crypto::short_code_memo;

struct user_row {
  std::string alias;
  std::string display_name;
  std::string email;
  std::string state;
  std::size_t keys = 0;            ///< entries in the key history
  std::string certificate_status;  ///< of the newest entry; "no key history" without one
  /// Active, but the newest certificate is revoked (an imported user: the exporting server
  /// revoked it): the user needs a new certificate.
  bool needs_enrollment = false;
};

/// An export interrupted by a crash that opening the Key Manager resolved (interrupted_exports.hpp):
/// the operator who ran it may not be the one who opened the Key Manager next.
struct resolved_export {
  std::chrono::sys_seconds at;
  std::string detail;
};

struct server_overview {
  std::string identity_subject;                   ///< "CN=Key Management Service (vm:/srv/kmsdata)"
  std::string short_code;                         ///< grouped, as Save the KMS Certificate shows it
  bool default_password_in_use = false;
  bool upgrade_due = false;                       ///< master.key still there: the first login upgrades
  std::vector<std::string> without_keyslot;       ///< administrators who cannot help open keys yet
  std::vector<std::string> kept_master_keys;      ///< copies the upgrade kept, as asked, in backups/
  std::vector<resolved_export> resolved_exports;  ///< the last week's, newest first, at most 5
  std::size_t users_total = 0;
  std::vector<user_row> users;                    ///< the rows of the window asked for
  std::vector<pending_revocation> pending;        ///< every one, oldest first
};

/// Opens the Key Manager of `where` (a new one gets its initial administrator, as at a login)
/// and reads its overview, with the users from `first_user` on, at most `max_users`. `codes`
/// keeps the identity's short code (~0.5 s of Argon2id) from one read to the next.
server_overview read_server_overview(const site& where, std::size_t first_user, std::size_t max_users,
                                     short_code_memo& codes);

}  // namespace arbor::km::workflows
