#include "store/administrators.hpp"

#include "common/km_error.hpp"

namespace arbor::km::store {
namespace {

constexpr std::string_view columns =
    "SELECT name, password_hash, must_change, created_at, changed_at FROM administrators ";

administrator_record read_admin(const sqlite::statement& row) {
  return {row.column_text(0), row.column_text(1), row.column_int64(2) != 0, row.column_time(3),
          row.column_time(4)};
}

}  // namespace

void administrator_repository::add(const administrator_record& admin) {
  auto insert = db_.prepare(
      "INSERT INTO administrators (name, password_hash, must_change, created_at, changed_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5)");
  insert.bind(1, admin.name).bind(2, admin.password_hash).bind(3, admin.must_change ? 1 : 0);
  insert.bind(4, admin.created_at).bind(5, admin.changed_at);
  try {
    insert.run();
  } catch (const error& e) {
    if (e.code() != errc::conflict) throw;
    throw error(errc::conflict, "an administrator named '" + admin.name + "' already exists",
                e.technical());
  }
}

std::optional<administrator_record> administrator_repository::find(std::string_view name) {
  auto query = db_.prepare(std::string(columns) + "WHERE name = ?1");
  query.bind(1, name);
  if (!query.step()) return std::nullopt;
  return read_admin(query);
}

std::vector<administrator_record> administrator_repository::list() {
  auto query = db_.prepare(std::string(columns) + "ORDER BY name");
  std::vector<administrator_record> admins;
  while (query.step()) admins.push_back(read_admin(query));
  return admins;
}

std::int64_t administrator_repository::count() {
  auto query = db_.prepare("SELECT count(*) FROM administrators");
  query.step();
  return query.column_int64(0);
}

bool administrator_repository::remove(std::string_view name) {
  auto remove = db_.prepare("DELETE FROM administrators WHERE name = ?1");
  remove.bind(1, name).run();
  return db_.changes() > 0;
}

void administrator_repository::set_password(std::string_view name, std::string_view password_hash,
                                            bool must_change, std::chrono::sys_seconds now) {
  auto update = db_.prepare(
      "UPDATE administrators SET password_hash = ?1, must_change = ?2, changed_at = ?3 "
      "WHERE name = ?4");
  update.bind(1, password_hash).bind(2, must_change ? 1 : 0).bind(3, now).bind(4, name).run();
  if (db_.changes() == 0) {
    throw error(errc::not_found, "there is no administrator named '" + std::string(name) + "'");
  }
}

}  // namespace arbor::km::store
