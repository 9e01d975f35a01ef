#include "store/password_policy.hpp"

#include "common/km_error.hpp"

namespace arbor::km::store {

std::int64_t policy_repository::required_for(std::string_view task) {
  auto query = db_.prepare("SELECT required FROM password_policy WHERE task = ?1");
  query.bind(1, task);
  return query.step() ? query.column_int64(0) : 1;
}

std::int64_t policy_repository::largest() {
  auto query = db_.prepare("SELECT coalesce(max(required), 1) FROM password_policy");
  query.step();
  return query.column_int64(0);
}

void policy_repository::set(std::string_view task, std::int64_t required) {
  if (required < 1) {
    throw error(errc::bad_input, "a task needs at least one administrator's password",
                "required = " + std::to_string(required));
  }
  auto upsert = db_.prepare(
      "INSERT INTO password_policy (task, required) VALUES (?1, ?2) "
      "ON CONFLICT (task) DO UPDATE SET required = excluded.required");
  upsert.bind(1, task).bind(2, required).run();
}

std::vector<policy_entry> policy_repository::list() {
  auto query = db_.prepare("SELECT task, required FROM password_policy ORDER BY task");
  std::vector<policy_entry> entries;
  while (query.step()) entries.push_back({query.column_text(0), query.column_int64(1)});
  return entries;
}

}  // namespace arbor::km::store
