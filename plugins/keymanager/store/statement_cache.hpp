#pragma once
// Prepared statements kept for reuse on one connection, part of the SQLite layer (sqlite.hpp).
// Preparing is a large part of what a short statement costs, and the Key Manager runs the same few
// statements thousands of times in a row (an import inserts every key with the same INSERT). A
// statement hands its sqlite3_stmt back here when it is destroyed, reset and unbound, and the next
// prepare of the same SQL text takes it instead of compiling it again. A statement in use is never
// shared: two live statements with the same text hold two sqlite3_stmt.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3_stmt;

namespace arbor::km::store::sqlite {

class statement_cache {
 public:
  statement_cache() = default;
  ~statement_cache() { close(); }
  statement_cache(const statement_cache&) = delete;
  statement_cache& operator=(const statement_cache&) = delete;

  // An idle statement prepared from exactly `sql`, now owned by the caller; nullptr when none.
  sqlite3_stmt* take(std::string_view sql);
  // Takes `stmt` back (reset, bindings cleared) or finalizes it when the cache is full or closed.
  void give_back(sqlite3_stmt* stmt) noexcept;
  // Finalizes every idle statement; later statements given back are finalized at once. The
  // connection calls it before closing.
  void close() noexcept;

 private:
  struct text_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept { return std::hash<std::string_view>{}(text); }
  };
  static constexpr std::size_t max_idle = 64;

  std::unordered_multimap<std::string, sqlite3_stmt*, text_hash, std::equal_to<>> idle_;
  bool closed_ = false;
};

}  // namespace arbor::km::store::sqlite
