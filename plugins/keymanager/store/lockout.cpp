#include "store/lockout.hpp"

namespace arbor::km::store {

lockout_state lockout_repository::get(std::string_view bucket) {
  auto query =
      db_.prepare("SELECT consecutive_failures, locked_until FROM lockout WHERE bucket = ?1");
  query.bind(1, bucket);
  if (!query.step()) return {};
  return {query.column_int64(0), query.column_time(1)};
}

void lockout_repository::set(std::string_view bucket, const lockout_state& state) {
  auto update = db_.prepare(
      "INSERT INTO lockout (bucket, consecutive_failures, locked_until) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (bucket) DO UPDATE SET consecutive_failures = excluded.consecutive_failures, "
      "locked_until = excluded.locked_until");
  update.bind(1, bucket).bind(2, state.consecutive_failures).bind(3, state.locked_until).run();
}

void lockout_repository::clear(std::string_view bucket) {
  db_.prepare("DELETE FROM lockout WHERE bucket = ?1").bind(1, bucket).run();
}

}  // namespace arbor::km::store
