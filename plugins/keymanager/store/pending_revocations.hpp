#pragma once
// Certificates that must be revoked but that Certificate Services has not accepted yet (it was
// unreachable, or refused). Rows copy the user's alias and id as text, with no foreign key: an
// exported user is deleted from kms.db, but the revocation of their certificate must survive.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.hpp"

namespace arbor::km::store {

// One queued revocation.
struct pending_revocation {
  std::int64_t id = 0;  // assigned by enqueue
  std::string serial_decimal;
  std::string serial_hex;
  std::string authority_key_id;
  std::string issuer;
  std::string user_alias;
  std::string user_id;
  std::string reason;
  std::int64_t attempts = 0;
  std::string last_error;
  std::chrono::sys_seconds queued_at{};
  std::optional<std::chrono::sys_seconds> last_attempt_at;
};

// The queue of pending revocations, oldest first.
class revocation_queue {
 public:
  explicit revocation_queue(sqlite::connection& db) : db_(db) {}

  // Queues `item` (its id, attempts and last_* fields are ignored) and returns the new id.
  std::int64_t enqueue(const pending_revocation& item);
  std::vector<pending_revocation> list();  // oldest first
  // At most `limit` entries with an id above `after_id`, oldest first: walks a long queue in
  // bounded batches.
  std::vector<pending_revocation> list_after(std::int64_t after_id, std::size_t limit);
  std::int64_t count();
  // Notes a failed attempt: one more attempt, with the CA's error text and the time. Nothing when
  // `id` is not queued any more: another task's retry saw the CA confirm it meanwhile.
  void record_attempt(std::int64_t id, std::string_view error_text, std::chrono::sys_seconds now);
  // Drops an entry once the CA accepted the revocation. False when it was not queued.
  bool remove(std::int64_t id);

 private:
  sqlite::connection& db_;
};

}  // namespace arbor::km::store
