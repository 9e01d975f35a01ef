#pragma once
// The login lockout counters, kept in kms.db so a restart does not reset them: one row per
// administrator who has failed, and one shared by every name that is not an administrator, so
// failing under one name never locks out another administrator.
#include <cstdint>
#include <string_view>

#include "store/sqlite.hpp"

namespace arbor::km::store {

// Consecutive failed logins and, when locked, the Unix time the lock ends (0: not locked).
struct lockout_state {
  std::int64_t consecutive_failures = 0;
  std::int64_t locked_until = 0;
};

// The bucket every name that is not an administrator counts in. Administrator names are never
// empty, so it cannot be taken by one.
inline constexpr std::string_view unknown_names_bucket = "";

// Reads and writes the lockout rows, one per bucket: an administrator's name (compared without
// case, like administrator names) or unknown_names_bucket.
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
