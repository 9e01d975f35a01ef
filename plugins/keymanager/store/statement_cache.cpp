#include "store/statement_cache.hpp"

#include <sqlite3.h>

namespace arbor::km::store::sqlite {

sqlite3_stmt* statement_cache::take(std::string_view sql) {
  const auto found = idle_.find(sql);
  if (found == idle_.end()) return nullptr;
  sqlite3_stmt* stmt = found->second;
  idle_.erase(found);
  return stmt;
}

void statement_cache::give_back(sqlite3_stmt* stmt) noexcept {
  if (stmt == nullptr) return;
  // A failed step reports its error again from reset; the statement is reusable all the same.
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  const char* sql = sqlite3_sql(stmt);
  if (closed_ || sql == nullptr || idle_.size() >= max_idle) {
    sqlite3_finalize(stmt);
    return;
  }
  try {
    idle_.emplace(sql, stmt);
  } catch (...) {
    sqlite3_finalize(stmt);  // out of memory: forgetting a cached statement loses nothing
  }
}

void statement_cache::close() noexcept {
  closed_ = true;
  for (auto& [sql, stmt] : idle_) sqlite3_finalize(stmt);
  idle_.clear();
}

}  // namespace arbor::km::store::sqlite
