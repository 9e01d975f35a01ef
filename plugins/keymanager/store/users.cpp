#include "store/users.hpp"

#include "common/km_error.hpp"

namespace arbor::km::store {
namespace {

constexpr std::string_view columns =
    "SELECT user_id, alias, display_name, email, state, created_at FROM users ";

user_record read_user(const sqlite::statement& row) {
  return {row.column_text(0), row.column_text(1), row.column_text(2),
          row.column_text(3), row.column_text(4), row.column_time(5)};
}

std::vector<user_record> collect(sqlite::statement& query) {
  std::vector<user_record> users;
  while (query.step()) users.push_back(read_user(query));
  return users;
}

std::string select(std::string_view rest) { return std::string(columns) + std::string(rest); }

// LIKE treats % and _ as wildcards; escaping them makes the operator's text match literally.
std::string like_contains(std::string_view text) {
  std::string pattern = "%";
  for (const char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  return pattern + "%";
}

}  // namespace

void user_repository::add(const user_record& user) {
  if (user.user_id.empty() || user.alias.empty()) {
    throw error(errc::bad_input, "a user needs an id and an alias",
                "user_id='" + user.user_id + "' alias='" + user.alias + "'");
  }
  auto insert = db_.prepare(
      "INSERT INTO users (user_id, alias, display_name, email, state, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  insert.bind(1, user.user_id).bind(2, user.alias).bind(3, user.display_name);
  insert.bind(4, user.email).bind(5, user.state).bind(6, user.created_at);
  try {
    insert.run();
  } catch (const error& e) {
    if (e.code() != errc::conflict) throw;
    throw error(errc::conflict,
                "a user with the alias '" + user.alias + "' or the id " + user.user_id +
                    " already exists",
                e.technical());
  }
}

std::optional<user_record> user_repository::find_by_id(std::string_view user_id) {
  auto query = db_.prepare(select("WHERE user_id = ?1"));
  query.bind(1, user_id);
  if (!query.step()) return std::nullopt;
  return read_user(query);
}

std::optional<user_record> user_repository::find_by_alias(std::string_view alias) {
  auto query = db_.prepare(select("WHERE alias = ?1"));
  query.bind(1, alias);
  if (!query.step()) return std::nullopt;
  return read_user(query);
}

std::vector<user_record> user_repository::find_by_email(std::string_view email) {
  auto query = db_.prepare(select("WHERE email = ?1 COLLATE NOCASE ORDER BY alias"));
  query.bind(1, email);
  return collect(query);
}

std::vector<user_record> user_repository::list(page window) {
  auto query = db_.prepare(select("ORDER BY alias LIMIT ?1 OFFSET ?2"));
  query.bind(1, window.limit).bind(2, window.offset);
  return collect(query);
}

std::int64_t user_repository::count() {
  auto query = db_.prepare("SELECT count(*) FROM users");
  query.step();
  return query.column_int64(0);
}

std::vector<user_record> user_repository::search(std::string_view text, page window) {
  auto query = db_.prepare(
      select("WHERE alias LIKE ?1 ESCAPE '\\' OR display_name LIKE ?1 ESCAPE '\\' "
             "OR email LIKE ?1 ESCAPE '\\' ORDER BY alias LIMIT ?2 OFFSET ?3"));
  query.bind(1, like_contains(text)).bind(2, window.limit).bind(3, window.offset);
  return collect(query);
}

void user_repository::set_state(std::string_view user_id, std::string_view state) {
  auto update = db_.prepare("UPDATE users SET state = ?1 WHERE user_id = ?2");
  update.bind(1, state).bind(2, user_id).run();
  if (db_.changes() == 0)
    throw error(errc::not_found, "cannot change the state of user " + std::string(user_id) + ": no such user");
}

bool user_repository::remove(std::string_view user_id) {
  auto remove = db_.prepare("DELETE FROM users WHERE user_id = ?1");
  remove.bind(1, user_id).run();
  return db_.changes() > 0;
}

void user_repository::for_each(const std::function<void(const user_record&)>& visit) {
  auto query = db_.prepare(select("ORDER BY alias"));
  while (query.step()) visit(read_user(query));
}

void user_repository::for_each_in(std::string_view selection_table,
                                  const std::function<void(const user_record&)>& visit) {
  // CROSS JOIN keeps the selection the outer loop: each selected user is one lookup by key.
  auto query = db_.prepare("SELECT u.user_id, u.alias, u.display_name, u.email, u.state, u.created_at FROM " +
                           std::string(selection_table) + " s CROSS JOIN users u ON u.user_id = s.user_id ORDER BY s.alias COLLATE NOCASE");
  while (query.step()) visit(read_user(query));
}

}  // namespace arbor::km::store
