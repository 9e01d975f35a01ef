#include "store/sqlite.hpp"

#include <sqlite3.h>

#include <chrono>
#include <thread>
#include <utility>

#include "common/km_error.hpp"
#include "store/statement_cache.hpp"

namespace arbor::km::store::sqlite {
namespace {

// The operator-facing half of an error: what kind of trouble it is and what to do about it.
struct meaning {
  errc code;
  const char* advice;
};

meaning meaning_of(int rc) {
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
      return {errc::conflict, "the change conflicts with data already stored"};
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return {errc::conflict, "the database is busy with another operation; try again shortly"};
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return {errc::corrupt, "the database file is damaged or is not a database: restore a backup"};
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return {errc::io, "check that the data directory is writable and the disk is not full"};
    default:
      return {errc::internal, "this is a bug in the Key Manager; please report it"};
  }
}

}  // namespace

void throw_error(sqlite3* db, int rc, std::string_view what, std::string_view sql) {
  const meaning m = meaning_of(rc);
  std::string technical = "sqlite error " + std::to_string(rc) + " (" + sqlite3_errstr(rc) + ")";
  if (db != nullptr) technical += ": " + std::string(sqlite3_errmsg(db));
  if (!sql.empty()) technical += " [SQL: " + std::string(sql) + "]";
  throw error(m.code, std::string(what) + ": " + m.advice, std::move(technical));
}

connection::connection(const std::filesystem::path& path, const open_options& options)
    : path_(path), statements_(std::make_shared<statement_cache>()) {
  int flags = SQLITE_OPEN_NOMUTEX;
  if (options.read_only) {
    flags |= SQLITE_OPEN_READONLY;
  } else {
    flags |= SQLITE_OPEN_READWRITE;
    if (options.create) flags |= SQLITE_OPEN_CREATE;
  }
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    // sqlite3_open_v2 hands back a handle even on failure, carrying the error text.
    sqlite3* failed = std::exchange(db_, nullptr);
    try {
      throw_error(failed, rc, "could not open the database " + path.string());
    } catch (...) {
      sqlite3_close(failed);
      throw;
    }
  }
  try {
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, busy_timeout_ms);
    exec("PRAGMA foreign_keys=ON");
    if (!options.read_only) {
      // Takes effect only on a new, empty file (an existing one keeps its pages). A key history
      // row (certificate and sealed key) is about 2.5 KB for RSA 2048: one to a 4 KiB page with
      // a third of it unused, six to a 16 KiB page; and a bulk import writes a quarter as many
      // pages. import_bench at 100k users: 20.6 s with 4 KiB pages, 11.0 s with 16 KiB.
      exec("PRAGMA page_size=" + std::to_string(page_size));
      // Reading the journal mode is the first access to the file: a file that is not SQLite
      // fails here with SQLITE_NOTADB.
      if (options.wal) switch_to_wal();
      exec(options.sync_full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
    }
  } catch (...) {
    close();
    throw;
  }
}

connection::~connection() { close(); }

connection::connection(connection&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)), statements_(std::move(other.statements_)) {}

connection& connection::operator=(connection&& other) noexcept {
  if (this != &other) {
    close();
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
    statements_ = std::move(other.statements_);
  }
  return *this;
}

void connection::close() noexcept {
  // sqlite3_close_v2 defers the close until the last statement is finalized, so a statement that
  // outlives its connection by mistake cannot use freed memory.
  if (statements_) statements_->close();
  if (db_ != nullptr) sqlite3_close_v2(std::exchange(db_, nullptr));
}

// Two connections opening a new file at once (two tasks of the web console, or two processes):
// SQLite answers the second one's switch SQLITE_BUSY at once, without its busy handler, so the
// switch is retried here for as long as the busy timeout waits for any other lock.
void connection::switch_to_wal() {
  constexpr const char* sql = "PRAGMA journal_mode=WAL";
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms);
  for (;;) {
    const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK) return;
    if ((rc & 0xff) != SQLITE_BUSY || std::chrono::steady_clock::now() >= give_up)
      throw_error(db_, rc, "a database statement failed", sql);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

void connection::exec(std::string_view sql) {
  const std::string text(sql);
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) throw_error(db_, rc, "a database statement failed", text);
}

statement connection::prepare(std::string_view sql) { return statement(db_, statements_, sql); }

std::int64_t connection::last_insert_rowid() const noexcept { return sqlite3_last_insert_rowid(db_); }

std::int64_t connection::changes() const noexcept { return sqlite3_changes64(db_); }

bool connection::in_transaction() const noexcept { return sqlite3_get_autocommit(db_) == 0; }

statement::statement(sqlite3* db, std::shared_ptr<statement_cache> cache, std::string_view sql)
    : db_(db), cache_(std::move(cache)), stmt_(cache_->take(sql)) {
  if (stmt_ != nullptr) return;
  const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
  if (rc != SQLITE_OK) throw_error(db_, rc, "a database query could not be prepared", sql);
}

statement::~statement() {
  if (cache_) cache_->give_back(stmt_);
  else sqlite3_finalize(stmt_);
}

statement::statement(statement&& other) noexcept
    : db_(other.db_), cache_(std::move(other.cache_)), stmt_(std::exchange(other.stmt_, nullptr)) {}

void statement::check_bind(int rc, int index) {
  if (rc != SQLITE_OK) {
    throw_error(db_, rc, "a value could not be bound to parameter " + std::to_string(index), sql());
  }
}

statement& statement::bind(int index, std::int64_t value) {
  check_bind(sqlite3_bind_int64(stmt_, index, value), index);
  return *this;
}

statement& statement::bind(int index, std::string_view text) {
  check_bind(sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT,
                                 SQLITE_UTF8),
             index);
  return *this;
}

statement& statement::bind(int index, std::span<const std::uint8_t> blob) {
  // A zero-length blob must still be a BLOB, not NULL, so never pass a null pointer.
  static const std::uint8_t empty = 0;
  const void* data = blob.empty() ? &empty : blob.data();
  check_bind(sqlite3_bind_blob64(stmt_, index, data, blob.size(), SQLITE_TRANSIENT), index);
  return *this;
}

statement& statement::bind(int index, std::nullptr_t) {
  check_bind(sqlite3_bind_null(stmt_, index), index);
  return *this;
}

statement& statement::bind(int index, std::chrono::sys_seconds when) {
  return bind(index, static_cast<std::int64_t>(when.time_since_epoch().count()));
}

statement& statement::bind(int index, const std::optional<std::chrono::sys_seconds>& when) {
  return when ? bind(index, *when) : bind(index, nullptr);
}

bool statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw_error(db_, rc, "a database query failed", sql());
}

void statement::run() {
  if (step()) {
    throw error(errc::internal, "a database statement returned rows where none were expected",
                sql());
  }
}

void statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t statement::column_int64(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

std::string statement::column_text(int column) const {
  const auto* text = sqlite3_column_text(stmt_, column);
  const int size = sqlite3_column_bytes(stmt_, column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}

std::vector<std::uint8_t> statement::column_blob(int column) const {
  const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, column));
  const int size = sqlite3_column_bytes(stmt_, column);
  if (data == nullptr) return {};
  return std::vector<std::uint8_t>(data, data + size);
}

std::chrono::sys_seconds statement::column_time(int column) const {
  return std::chrono::sys_seconds(std::chrono::seconds(column_int64(column)));
}

std::optional<std::chrono::sys_seconds> statement::column_optional_time(int column) const {
  if (is_null(column)) return std::nullopt;
  return column_time(column);
}

std::string statement::sql() const {
  const char* text = sqlite3_sql(stmt_);
  return text == nullptr ? std::string() : std::string(text);
}

transaction::transaction(connection& db, inner nested)
    : db_(db), nested_(db.in_transaction()), joined_(nested_ && nested == inner::join) {
  if (!joined_) db_.exec(nested_ ? "SAVEPOINT km_nested" : "BEGIN IMMEDIATE");
}

transaction::~transaction() {
  if (done_ || joined_) return;
  // Errors are swallowed: a destructor must not throw, and SQLite may already have rolled back
  // on its own after an I/O error, which leaves nothing to undo.
  if (nested_) {
    sqlite3_exec(db_.handle(), "ROLLBACK TO km_nested; RELEASE km_nested", nullptr, nullptr,
                 nullptr);
  } else if (db_.in_transaction()) {
    sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

void transaction::commit() {
  if (!joined_) db_.exec(nested_ ? "RELEASE km_nested" : "COMMIT");
  done_ = true;
}

read_snapshot::read_snapshot(connection& db) : db_(db), joined_(db.in_transaction()) {
  if (!joined_) db_.exec("BEGIN DEFERRED");
}

read_snapshot::~read_snapshot() {
  // Nothing was written to keep; errors are swallowed as in ~transaction().
  if (!joined_ && db_.in_transaction()) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

foreign_keys_off::foreign_keys_off(connection& db, bool off) : db_(db), off_(off) {
  if (!off_) return;
  if (db_.in_transaction()) throw error(errc::internal, "foreign keys can only be turned off outside a transaction");
  db_.exec("PRAGMA foreign_keys=OFF");
}

foreign_keys_off::~foreign_keys_off() {
  if (!off_) return;
  try {
    db_.exec("PRAGMA foreign_keys=ON");
  } catch (const error&) {
    // Only inside a transaction does the pragma fail, and this guard outlives the one it wraps.
  }
}

bool foreign_keys_on(connection& db) {
  auto query = db.prepare("PRAGMA foreign_keys");
  return query.step() && query.column_int64(0) != 0;
}

void require_foreign_keys_hold(connection& db) {
  auto check = db.prepare("PRAGMA foreign_key_check");
  if (!check.step()) return;
  throw error(errc::internal, "a bulk change would leave a row without the row it refers to; nothing was changed",
              "table " + check.column_text(0) + ", rowid " + std::to_string(check.column_int64(1)) + ", refers to " +
                  check.column_text(2));
}

void use_bulk_page_cache(connection& db, int mebibytes) {
  // PRAGMA takes no bound parameters; the size is the caller's constant, never input.
  db.exec("PRAGMA cache_size = -" + std::to_string(mebibytes * 1024));
}

}  // namespace arbor::km::store::sqlite
