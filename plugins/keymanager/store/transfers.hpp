#pragma once
// The record of transfer files this server wrote (export) or read (import). An import looks its
// transfer id up here to refuse replaying the same file twice.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.hpp"

namespace arbor::km::store {

// Whether this server wrote the transfer file or read it.
enum class transfer_direction {
  export_users = 1,
  import_users,
};

// One transfer. peer_sha256 is the other server's certificate hash (lowercase hex).
struct transfer_record {
  std::string transfer_id;
  transfer_direction direction = transfer_direction::export_users;
  std::string peer_sha256;
  std::string file_name;
  std::chrono::sys_seconds at{};
  std::int64_t users = 0;
  std::int64_t keys = 0;
};

// Records transfers and finds them by id (or, for a rerun after an interrupted export, by file).
class transfer_log {
 public:
  explicit transfer_log(sqlite::connection& db) : db_(db) {}

  // errc::conflict when this transfer id is already recorded.
  void record(const transfer_record& transfer);
  std::optional<transfer_record> find(std::string_view transfer_id);
  // The transfer in `direction` recorded with `file_name`, if any (the newest when several).
  std::optional<transfer_record> find_by_file_name(transfer_direction direction,
                                                   std::string_view file_name);

  // Of the users export `transfer_id` took, how many this database holds (again: a restored
  // backup), and the aliases of at most `limit` of them, by alias.
  std::int64_t count_users_back(std::string_view transfer_id);
  std::vector<std::string> aliases_back(std::string_view transfer_id, std::int64_t limit);

 private:
  sqlite::connection& db_;
};

// Copies into `to` the exports `from` records and `to` does not, with the users each took: `to`
// is about to replace `from` in a restore, and the files those exports wrote still exist.
// Imports are not carried: a file imported after the backup was taken may be imported again.
// Returns the exports copied, oldest first. Runs inside the caller's transaction, if any.
std::vector<transfer_record> carry_exports(sqlite::connection& from, sqlite::connection& to);

}  // namespace arbor::km::store
