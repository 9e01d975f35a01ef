#pragma once
// A thin RAII layer over the SQLite C API, the only code in the Key Manager that calls sqlite3_*
// directly. Values always travel through bound parameters of prepared statements; connection::exec
// exists only for fixed schema text and pragmas. Every failure becomes an arbor::km::error whose
// technical() holds SQLite's own error text and the SQL that failed.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace arbor::km::store::sqlite {

// How a connection is opened. The defaults are those of the live kms.db: created when missing,
// WAL journal, and synchronous=FULL so a committed transaction survives a power cut.
// The page size of every database this Key Manager creates (sqlite.cpp says why).
inline constexpr int page_size = 16384;

struct open_options {
  bool create = true;     // create the file when it does not exist
  bool read_only = false; // open without write access (checking a backup before restoring it)
  bool wal = true;        // switch the file to write-ahead logging
  bool sync_full = true;  // synchronous=FULL rather than NORMAL
};

class statement;
class statement_cache;

// One open database handle, opened without SQLite's internal mutex (NOMUTEX): a connection
// belongs to one thread at a time. Foreign keys are enforced and a writer waits up to five
// seconds for another one before reporting the database as busy.
class connection {
 public:
  explicit connection(const std::filesystem::path& path, const open_options& options = {});
  ~connection();
  connection(connection&& other) noexcept;
  connection& operator=(connection&& other) noexcept;
  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;

  // Runs fixed SQL text (schema, pragmas). Never use it with values: prepare a statement.
  void exec(std::string_view sql);
  // A statement for `sql`, reusing an idle one this connection prepared before (statement_cache.hpp).
  statement prepare(std::string_view sql);

  std::int64_t last_insert_rowid() const noexcept;
  // Rows changed by the most recent INSERT, UPDATE or DELETE.
  std::int64_t changes() const noexcept;
  bool in_transaction() const noexcept;

  const std::filesystem::path& path() const noexcept { return path_; }
  sqlite3* handle() const noexcept { return db_; }

 private:
  /// How long a statement waits for another connection's lock before it fails busy.
  static constexpr int busy_timeout_ms = 5000;
  void switch_to_wal();
  void close() noexcept;
  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
  // Shared with the statements made here, so one destroyed after its connection finds the cache
  // closed and finalizes itself.
  std::shared_ptr<statement_cache> statements_;
};

// A prepared statement. Parameters are numbered from 1 and columns from 0, as in SQLite.
class statement {
 public:
  ~statement();
  statement(statement&& other) noexcept;
  statement& operator=(statement&&) = delete;
  statement(const statement&) = delete;
  statement& operator=(const statement&) = delete;

  statement& bind(int index, std::int64_t value);
  statement& bind(int index, std::string_view text);
  statement& bind(int index, std::span<const std::uint8_t> blob);
  statement& bind(int index, std::nullptr_t);
  // Times are stored as Unix seconds: this is the one place they become integers and back.
  statement& bind(int index, std::chrono::sys_seconds when);
  statement& bind(int index, const std::optional<std::chrono::sys_seconds>& when);

  // Advances to the next row: true while a row is available, false once the statement is done.
  bool step();
  // Runs a statement that returns no rows (INSERT, UPDATE, DELETE).
  void run();
  // Makes the statement ready to run again and clears its bindings.
  void reset();

  bool is_null(int column) const;
  std::int64_t column_int64(int column) const;
  // NULL reads as an empty string.
  std::string column_text(int column) const;
  std::vector<std::uint8_t> column_blob(int column) const;
  std::chrono::sys_seconds column_time(int column) const;
  std::optional<std::chrono::sys_seconds> column_optional_time(int column) const;

  std::string sql() const;

 private:
  friend class connection;
  statement(sqlite3* db, std::shared_ptr<statement_cache> cache, std::string_view sql);
  void check_bind(int rc, int index);
  sqlite3* db_ = nullptr;
  std::shared_ptr<statement_cache> cache_;
  sqlite3_stmt* stmt_ = nullptr;
};

// One unit of work: BEGIN IMMEDIATE (the write lock is taken at once, so two writers queue
// instead of failing half-way), commit(), and a rollback in the destructor when commit() was not
// reached. Opened inside another transaction it becomes a SAVEPOINT, so a repository operation that
// needs atomicity composes with a caller's larger transaction; or, with `inner::join`, it adds
// nothing and the outer transaction alone commits or rolls back: for an operation whose only write
// is one statement (atomic by itself), as a savepoint makes SQLite copy every page the statement
// touches into its sub-journal first, which an import of many keys would pay on each of them.
class transaction {
 public:
  enum class inner { savepoint, join };

  explicit transaction(connection& db, inner nested = inner::savepoint);
  ~transaction();
  transaction(const transaction&) = delete;
  transaction& operator=(const transaction&) = delete;

  void commit();

 private:
  connection& db_;
  bool nested_ = false;
  bool joined_ = false;
  bool done_ = false;
};

// One view of the database for several reads that must agree with each other: a deferred BEGIN,
// so in WAL mode every statement until the end sees what the first one saw, while writers on other
// connections go on (no lock is taken, unlike transaction's BEGIN IMMEDIATE). Ended when it goes
// out of scope; inside a transaction it adds nothing, as that one is a single view already. Read
// only: nothing written through it is kept.
class read_snapshot {
 public:
  explicit read_snapshot(connection& db);
  ~read_snapshot();
  read_snapshot(const read_snapshot&) = delete;
  read_snapshot& operator=(const read_snapshot&) = delete;

 private:
  connection& db_;
  bool joined_;
};

// Turns foreign key enforcement off on `db` while it lives, when `off` is true, and back on after.
// SQLite honours the pragma only outside a transaction, so it is made before one begins. Only for
// a bulk change that keeps the same integrity itself and proves it with foreign_key_check() before
// committing (user_selection::remove_users() when every user goes): without enforcement SQLite
// empties a table by freeing its pages, where deleting row by row also deletes each index entry
// in random order.
class foreign_keys_off {
 public:
  foreign_keys_off(connection& db, bool off);
  ~foreign_keys_off();
  foreign_keys_off(const foreign_keys_off&) = delete;
  foreign_keys_off& operator=(const foreign_keys_off&) = delete;

 private:
  connection& db_;
  bool off_;
};

// Whether foreign keys are enforced on `db` now.
bool foreign_keys_on(connection& db);

// errc::internal naming the first row that breaks a foreign key, if any does.
void require_foreign_keys_hold(connection& db);

// Gives `db` a page cache of `mebibytes` (SQLite's default is 2 MiB) for a transaction that touches
// a large part of the database, an export's removal or an import: with the indexes' pages kept,
// SQLite spills and re-reads far fewer, and memory stays bounded by it whatever the number of users.
void use_bulk_page_cache(connection& db, int mebibytes);

// Throws the arbor::km::error for SQLite result code `rc` on `db`: `what` says in words what
// failed; `sql` (may be empty) goes into the technical detail.
[[noreturn]] void throw_error(sqlite3* db, int rc, std::string_view what, std::string_view sql = {});

}  // namespace arbor::km::store::sqlite
