#pragma once
// The login lockout counters, kept in kms.db (a single row) so a restart does not reset them.
#include <cstdint>

#include "store/sqlite.hpp"

namespace arbor::km::store {

// Consecutive failed logins and, when locked, the Unix time the lock ends (0: not locked).
struct lockout_state {
  std::int64_t consecutive_failures = 0;
  std::int64_t locked_until = 0;
};

// Reads and writes the single lockout row.
class lockout_repository {
 public:
  explicit lockout_repository(sqlite::connection& db) : db_(db) {}

  lockout_state get();
  void set(const lockout_state& state);

 private:
  sqlite::connection& db_;
};

}  // namespace arbor::km::store
