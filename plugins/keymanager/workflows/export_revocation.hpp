#pragma once
// The last step of an export: asking Certificate Services to revoke the certificates of the
// exported users. By then the users are gone and every certificate waits in the
// pending-revocation queue (queued in the same transaction that removed the users, so no
// revocation is ever forgotten); this step only works that queue. What the CA confirms leaves
// the queue; the rest stays for Retry Pending Revocations and counts as "could not be revoked".
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "ca/certificate_services.hpp"
#include "store/sqlite.hpp"
#include "store/user_selection.hpp"

namespace arbor::km::workflows {

// What became of the revocations of an export's users.
struct revocation_tally {
  std::int64_t confirmed = 0;                // certificates the CA confirmed revoked
  std::int64_t pending = 0;                  // certificates still in the queue
  std::int64_t users_pending = 0;            // users with at least one certificate still queued
  std::vector<std::string> aliases_pending;  // their aliases, by alias, at most `detail_limit`
  std::string reason;                        // why, in words (the first error), when pending
};

// Retries, in bounded batches, the queued revocations of the users in `exported` (entries other
// tasks queued for other users are left to Retry Pending Revocations), then marks in `exported`
// exactly the users with a certificate still queued. `ca` is null when Certificate Services is
// not configured: nothing is sent, and the `queued` certificates stay pending with
// `not_configured` as the reason. Never throws for CA failures; when recording the CA's answers
// fails it throws, and the queue keeps every entry not yet confirmed.
revocation_tally revoke_exported(store::sqlite::connection& db, ca::certificate_services* ca,
                                 const std::string& not_configured, store::user_selection& exported, std::int64_t queued,
                                 std::int64_t now, std::size_t detail_limit);

}  // namespace arbor::km::workflows
