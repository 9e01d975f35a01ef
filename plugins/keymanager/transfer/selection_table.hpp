#pragma once
// The ids of the users an export selected, kept in a TEMP table of the export's own connection
// rather than in memory, so selecting a million users costs a few megabytes of SQLite cache, not
// of heap. The set is fixed once, before the file is written: the transaction that removes
// users removes exactly these, whatever was added since.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.hpp"
#include "transfer/user_choice.hpp"

namespace arbor::km::transfer {

class selection_table {
 public:
  // Creates the (empty) table on `db`; `db` must outlive this object. errc::conflict when the
  // connection already has one (one export per connection at a time).
  explicit selection_table(store::sqlite::connection& db);
  // Drops the table.
  ~selection_table();
  selection_table(const selection_table&) = delete;
  selection_table& operator=(const selection_table&) = delete;

  // Adds every user `choice` covers and returns how many there are.
  std::int64_t fill(const user_choice& choice);
  bool contains(std::string_view user_id);
  // Calls `visit` with each selected id, in id order. `visit` may write to any table but this.
  void for_each(const std::function<void(const std::string&)>& visit);

  // Notes that a selected user still has a certificate waiting for revocation; the alias was
  // kept at fill time, so it is known after the user left the users table.
  void mark_pending(std::string_view user_id);
  std::int64_t pending_count();
  // The aliases of marked users, by alias, at most `limit`.
  std::vector<std::string> pending_aliases(std::size_t limit);

 private:
  store::sqlite::connection& db_;
  store::sqlite::statement lookup_;
  store::sqlite::statement mark_;
};

}  // namespace arbor::km::transfer
