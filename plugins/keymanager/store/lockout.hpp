#pragma once
// The login lockout counters, kept in kms.db so a restart does not reset them: one row per name
// that has failed, an administrator's or not, so failing under one name never locks out another
// administrator and a lock says nothing about whether its name exists.
#include <chrono>
#include <cstdint>
#include <string_view>

#include "store/sqlite.hpp"

namespace arbor::km::store {

// Consecutive failed logins and, when locked, the Unix time the lock ends (0: not locked).
struct lockout_state {
  std::int64_t consecutive_failures = 0;
  std::chrono::sys_seconds locked_until{};
};

// Reads and writes the lockout rows, one per bucket: the name tried (compared without case, like
// administrator names).
class lockout_repository {
 public:
  explicit lockout_repository(sqlite::connection& db) : db_(db) {}

  // A clear state when the bucket has no row.
  lockout_state get(std::string_view bucket);
  void set(std::string_view bucket, const lockout_state& state);
  // Back to a clear state.
  void clear(std::string_view bucket);

 private:
  sqlite::connection& db_;
};

}  // namespace arbor::km::store
