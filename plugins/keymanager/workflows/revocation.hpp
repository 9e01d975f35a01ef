#pragma once
// Revoking users' keys' certificates at Certificate Services, the step Revoke Certificates
// (workflows/revoke_certificates) runs: what the CA confirms is marked revoked in the key
// history; what it does not goes to the pending-revocation queue (which has no tie to the users
// table, so it survives the user's deletion) with the error, to be retried.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ca/certificate_services.hpp"
#include "common/km_error.hpp"
#include "store/key_history.hpp"
#include "store/sqlite.hpp"

namespace arbor::km::workflows {

/// Which of a user's keys to revoke.
enum class key_selection {
  current = 1,  // the newest key of the history, if still valid
  all_valid,    // every key still valid
};

/// The entries of `history` (ordered by seq, as key_history_repository lists it) that `which`
/// selects. Keys already revoked or waiting in the queue are never selected.
std::vector<store::key_entry> keys_to_revoke(const std::vector<store::key_entry>& history, key_selection which);

/// One user and the keys of theirs to revoke.
struct revocation_subject {
  std::string user_alias;
  std::string user_id;
  std::vector<store::key_entry> keys;
};

/// What happened to one key: confirmed by the CA, or queued with the CA's error.
struct key_revocation {
  std::string key_id;
  std::string serial_hex;
  std::optional<error> failure;  // empty when confirmed

  bool confirmed() const noexcept { return !failure.has_value(); }
};

/// What happened to one user's keys, in the order they were given.
struct user_revocation {
  std::string user_alias;
  std::string user_id;
  std::vector<key_revocation> keys;

  std::size_t confirmed_count() const noexcept;
  bool all_confirmed() const noexcept { return confirmed_count() == keys.size(); }
};

/// Revokes every key of every subject at `ca` with `reason` (revoke_all: bounded concurrency).
/// Then, in one transaction: confirmed keys get status revoked; the others are queued (one
/// attempt, the error, at `now`) with status revocation-pending. Keys that are no longer in the
/// key history are only queued. Results are in the order of `subjects`. Never throws for CA
/// failures; throws km::error when the database cannot be written.
std::vector<user_revocation> revoke_keys(store::sqlite::connection& db, ca::certificate_services& ca,
                                         std::span<const revocation_subject> subjects, ca::revocation_reason reason,
                                         std::chrono::sys_seconds now);

}  // namespace arbor::km::workflows
