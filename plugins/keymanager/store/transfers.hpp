#pragma once
// The record of transfer files this server wrote (export) or read (import). An import looks its
// transfer id up here to refuse replaying the same file twice.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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
  std::int64_t at = 0;
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

 private:
  sqlite::connection& db_;
};

}  // namespace arbor::km::store
