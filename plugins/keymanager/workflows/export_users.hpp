#pragma once
// Export Users, the workflow: move the chosen users, with their whole key history, out of this
// Key Manager into a transfer file for another one, and revoke their certificates here. The
// order is what makes it safe (DESIGN.md, "Nothing lost"):
//   1. take the transfer lock (one export or import per KMSData directory); the selection was
//      fixed in a TEMP table when the request was made (user_selection.hpp);
//   2. back the database up;
//   3. record the intent and the selection in the export journal (store/export_journal.hpp);
//   4. write the file under a temporary name, record its digest in the journal, then fsync and
//      link it into place;
//   5. one transaction: remove the selected users, queue every still-valid certificate of theirs
//      for revocation, record the transfer and the users it took, audit, clear the journal entry;
//   6. work the revocation queue against Certificate Services.
// A failure before 5 commits deletes the file this export placed and clears the entry. A crash
// leaves the entry, and the next open of the Key Manager resolves it
// (instance/interrupted_exports.hpp): a complete file with the recorded digest rolls forward to 5,
// anything else is deleted and the users stay. Either the users are in the file and gone, or
// here and no file exists. The backup always has them. Cancellation is honoured until step 4
// completes; then nothing has changed and the temporary file is removed. A failure is audited as
// users-export-failed, success as users-exported (in the removal transaction).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "ca/certificate_services.hpp"
#include "instance/key_manager.hpp"
#include "workflows/destination.hpp"
#include "workflows/export_file_name.hpp"
#include "workflows/progress.hpp"
#include "workflows/user_selection.hpp"

namespace arbor::km::workflows {

// What became of the revocations of an export's users. By then the users are gone and every
// certificate waits in the pending-revocation queue (queued in the transaction that removed the
// users, so no revocation is ever forgotten); the export only works that queue
// (workflows/pending_retry.hpp). What the CA confirms leaves the queue; the rest stays for Retry
// Pending Revocations and counts as "could not be revoked".
struct revocation_tally {
  std::int64_t confirmed = 0;                // certificates the CA confirmed revoked
  std::int64_t pending = 0;                  // certificates still in the queue
  std::int64_t users_pending = 0;            // users with at least one certificate still queued
  std::vector<std::string> aliases_pending;  // their aliases, by alias, at most detail_limit
  std::string reason;                        // why, in words (the first error), when pending
  bool ca_unset = false;                     // pending because Certificate Services has no address
};

// What to export, to whom, and who asked: every fact checked when its type was built.
struct export_request {
  confirmed_destination destination;  // the other Key Management server, its thumbprint confirmed
  export_file_name file;              // a new plain name in the KMSData directory
  user_selection& users;              // on the Key Manager's connection; the export empties it
  std::string actor;                  // the administrators, as the audit log names them
  // Export users an earlier export already sent to this destination (earlier_exports.hpp);
  // without it they are refused.
  bool export_again = false;
};

// Where the export revokes certificates. `services` is null when Certificate Services is not
// configured; `not_configured` then says so, and every certificate stays queued.
struct revocation_target {
  ca::certificate_services* services = nullptr;
  std::string not_configured;
  bool ca_unset = false;  // not configured because no address is set (unusable_settings)
};

// What an export did.
struct export_result {
  std::filesystem::path file;
  std::filesystem::path backup;
  std::string transfer_id;
  std::int64_t users_exported = 0;
  std::int64_t keys_exported = 0;
  std::int64_t users_without_keys = 0;            // removed, not exported
  std::vector<std::string> aliases_without_keys;  // at most detail_limit
  revocation_tally revocation;
};

// Longest list of aliases a result carries per item; the counts are always exact.
inline constexpr std::size_t detail_limit = 1000;

// Runs the workflow above, revoking at `ca`. Throws km::error: errc::conflict (another export or
// import holds the lock; a file of that name appeared; users changed while the file was written,
// in which case nothing was removed and the file was deleted; users an earlier export sent to the
// same destination, unless export_again), errc::cancelled (before the point of no return:
// nothing changed), and the errors of the store, crypto and file layers.
export_result export_users(key_manager& kms, const opened_vault& keys, const export_request& request,
                           const revocation_target& ca, progress& progress);
// The same, revoking at Certificate Services as this Key Manager is configured
// (open_certificate_services); not configured, every certificate stays queued.
export_result export_users(key_manager& kms, const opened_vault& keys, const export_request& request,
                           progress& progress);

// What the wizard's pages check and show before the request exists.
// The destination at `path` for `kms`; refused, the refusal is audited as users-export-refused
// by `actor`, then thrown.
destination check_destination(key_manager& kms, const std::filesystem::path& path, std::string_view actor);
// The same for the code the operator typed (thumbprint_refused).
confirmed_destination confirm_destination(key_manager& kms, destination& checked, std::string_view typed,
                                          std::string_view actor);
// An export that could not even be asked for (its request refused at run time), audited as
// users-export-failed by `actor`; export_users() audits its own failures the same way.
void audit_export_failed(key_manager& kms, std::string_view actor, std::string_view detail);
std::int64_t user_count(key_manager& kms);
// The first `limit` aliases, in alias order, to pick from.
std::vector<std::string> user_aliases(key_manager& kms, std::int64_t limit);
// False when no Certificate Services address is set: every certificate will wait in the
// pending-revocation queue.
bool certificate_services_configured(key_manager& kms);

}  // namespace arbor::km::workflows
