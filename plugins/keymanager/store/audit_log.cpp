#include "store/audit_log.hpp"

#include "common/km_error.hpp"

namespace arbor::km::store {
namespace {

constexpr std::string_view columns = "SELECT id, at, actor, event, outcome, detail FROM audit_log ";

std::string_view word_for(audit_outcome outcome) {
  return outcome == audit_outcome::success ? "success" : "failure";
}

audit_entry read_entry(const sqlite::statement& row) {
  const std::string outcome = row.column_text(4);
  if (outcome != "success" && outcome != "failure") {
    throw error(errc::corrupt, "the audit log holds an entry this Key Manager cannot read",
                "audit_log id " + std::to_string(row.column_int64(0)) + " outcome '" + outcome +
                    "'");
  }
  return {row.column_int64(0),
          row.column_time(1),
          row.column_text(2),
          row.column_text(3),
          outcome == "success" ? audit_outcome::success : audit_outcome::failure,
          row.column_text(5)};
}

}  // namespace

std::int64_t audit_log::append(const audit_entry& entry) {
  auto insert = db_.prepare(
      "INSERT INTO audit_log (at, actor, event, outcome, detail) VALUES (?1, ?2, ?3, ?4, ?5)");
  insert.bind(1, entry.at).bind(2, entry.actor).bind(3, entry.event);
  insert.bind(4, word_for(entry.outcome)).bind(5, entry.detail);
  insert.run();
  return db_.last_insert_rowid();
}

std::vector<audit_entry> audit_log::recent(std::int64_t limit) {
  auto query = db_.prepare(std::string(columns) + "ORDER BY id DESC LIMIT ?1");
  query.bind(1, limit);
  std::vector<audit_entry> entries;
  while (query.step()) entries.push_back(read_entry(query));
  return entries;
}

std::vector<audit_entry> audit_log::events_since(std::string_view event, std::chrono::sys_seconds since, std::int64_t limit) {
  auto query = db_.prepare(std::string(columns) + "WHERE event = ?1 AND at >= ?2 ORDER BY id DESC LIMIT ?3");
  query.bind(1, event).bind(2, since).bind(3, limit);
  std::vector<audit_entry> entries;
  while (query.step()) entries.push_back(read_entry(query));
  return entries;
}

void audit_log::for_each(const std::function<void(const audit_entry&)>& visit) {
  auto query = db_.prepare(std::string(columns) + "ORDER BY id");
  while (query.step()) visit(read_entry(query));
}

}  // namespace arbor::km::store
