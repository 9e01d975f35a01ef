#pragma once
// The audit log: who did what, when, and whether it worked. Append-only: triggers in the schema
// make UPDATE and DELETE on audit_log fail. Never put a password or key material in an entry.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.hpp"

namespace arbor::km::store {

// Whether the audited action succeeded.
enum class audit_outcome {
  success = 1,
  failure,
};

// One audit entry. `actor` names the administrators involved (comma-separated) or "system".
struct audit_entry {
  std::int64_t id = 0;  // assigned by append
  std::chrono::sys_seconds at{};
  std::string actor;
  std::string event;  // a stable word such as "login" or "administrator-added"
  audit_outcome outcome = audit_outcome::success;
  std::string detail;
};

// Appends to and reads the audit log.
class audit_log {
 public:
  explicit audit_log(sqlite::connection& db) : db_(db) {}

  // Appends `entry` (its id is ignored) and returns the new id.
  std::int64_t append(const audit_entry& entry);
  // The `limit` newest entries, newest first.
  std::vector<audit_entry> recent(std::int64_t limit);
  // The entries of `event` at or after `since`, newest first, at most `limit`.
  std::vector<audit_entry> events_since(std::string_view event, std::chrono::sys_seconds since, std::int64_t limit);
  // Every entry, oldest first, one row at a time.
  void for_each(const std::function<void(const audit_entry&)>& visit);

 private:
  sqlite::connection& db_;
};

}  // namespace arbor::km::store
