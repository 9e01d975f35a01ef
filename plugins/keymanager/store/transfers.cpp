#include "store/transfers.hpp"

#include "common/km_error.hpp"

namespace arbor::km::store {
namespace {

std::string_view word_for(transfer_direction direction) {
  return direction == transfer_direction::export_users ? "export" : "import";
}

constexpr std::string_view columns =
    "SELECT transfer_id, direction, peer_sha256, file_name, at, users, keys FROM transfers ";

transfer_record read_transfer(const sqlite::statement& query) {
  return transfer_record{query.column_text(0),
                         query.column_text(1) == "export" ? transfer_direction::export_users
                                                          : transfer_direction::import_users,
                         query.column_text(2),
                         query.column_text(3),
                         query.column_time(4),
                         query.column_int64(5),
                         query.column_int64(6)};
}

}  // namespace

void transfer_log::record(const transfer_record& transfer) {
  auto insert = db_.prepare(
      "INSERT INTO transfers (transfer_id, direction, peer_sha256, file_name, at, users, keys) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  insert.bind(1, transfer.transfer_id).bind(2, word_for(transfer.direction));
  insert.bind(3, transfer.peer_sha256).bind(4, transfer.file_name).bind(5, transfer.at);
  insert.bind(6, transfer.users).bind(7, transfer.keys);
  try {
    insert.run();
  } catch (const error& e) {
    if (e.code() != errc::conflict) throw;
    throw error(errc::conflict,
                "transfer " + transfer.transfer_id + " was already " +
                    (transfer.direction == transfer_direction::export_users ? "exported"
                                                                            : "imported") +
                    " on this server",
                e.technical());
  }
}

std::optional<transfer_record> transfer_log::find(std::string_view transfer_id) {
  auto query = db_.prepare(std::string(columns) + "WHERE transfer_id = ?1");
  query.bind(1, transfer_id);
  if (!query.step()) return std::nullopt;
  return read_transfer(query);
}

std::optional<transfer_record> transfer_log::find_by_file_name(transfer_direction direction,
                                                               std::string_view file_name) {
  auto query = db_.prepare(std::string(columns) +
                           "WHERE direction = ?1 AND file_name = ?2 ORDER BY at DESC LIMIT 1");
  query.bind(1, word_for(direction)).bind(2, file_name);
  if (!query.step()) return std::nullopt;
  return read_transfer(query);
}

std::int64_t transfer_log::count_users_back(std::string_view transfer_id) {
  auto query = db_.prepare(
      "SELECT count(*) FROM transfer_users x JOIN users u ON u.user_id = x.user_id WHERE x.transfer_id = ?1 "
      "AND x.in_file = 1");
  query.bind(1, transfer_id);
  query.step();
  return query.column_int64(0);
}

std::vector<std::string> transfer_log::aliases_back(std::string_view transfer_id, std::int64_t limit) {
  auto query = db_.prepare(
      "SELECT u.alias FROM transfer_users x JOIN users u ON u.user_id = x.user_id WHERE x.transfer_id = ?1 "
      "AND x.in_file = 1 ORDER BY u.alias LIMIT ?2");
  query.bind(1, transfer_id).bind(2, limit);
  std::vector<std::string> aliases;
  while (query.step()) aliases.push_back(query.column_text(0));
  return aliases;
}

std::vector<transfer_record> carry_exports(sqlite::connection& from, sqlite::connection& to) {
  transfer_log into(to);
  std::vector<transfer_record> carried;
  auto exports = from.prepare(std::string(columns) + "WHERE direction = 'export' ORDER BY at, transfer_id");
  while (exports.step()) {
    auto transfer = read_transfer(exports);
    if (into.find(transfer.transfer_id)) continue;
    into.record(transfer);
    // OR REPLACE: a backup taken while this export ran holds its users as they were then.
    auto took = from.prepare("SELECT user_id, in_file FROM transfer_users WHERE transfer_id = ?1");
    auto insert = to.prepare("INSERT OR REPLACE INTO transfer_users (user_id, transfer_id, in_file) VALUES (?1, ?2, ?3)");
    took.bind(1, transfer.transfer_id);
    while (took.step()) {
      insert.reset();
      insert.bind(1, took.column_text(0)).bind(2, transfer.transfer_id).bind(3, took.column_int64(1)).run();
    }
    carried.push_back(std::move(transfer));
  }
  return carried;
}

}  // namespace arbor::km::store
