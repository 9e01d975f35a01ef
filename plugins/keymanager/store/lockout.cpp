#include "store/lockout.hpp"

#include "common/km_error.hpp"

namespace arbor::km::store {

lockout_state lockout_repository::get() {
  auto query = db_.prepare("SELECT consecutive_failures, locked_until FROM lockout WHERE id = 1");
  if (!query.step()) {
    throw error(errc::corrupt, "kms.db has lost its lockout record: restore a backup",
                "no row with id 1 in table lockout");
  }
  return {query.column_int64(0), query.column_int64(1)};
}

void lockout_repository::set(const lockout_state& state) {
  auto update = db_.prepare(
      "INSERT INTO lockout (id, consecutive_failures, locked_until) VALUES (1, ?1, ?2) "
      "ON CONFLICT (id) DO UPDATE SET consecutive_failures = excluded.consecutive_failures, "
      "locked_until = excluded.locked_until");
  update.bind(1, state.consecutive_failures).bind(2, state.locked_until).run();
}

}  // namespace arbor::km::store
