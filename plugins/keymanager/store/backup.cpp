#include "store/backup.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <set>
#include <string>
#include <system_error>

#include "common/km_error.hpp"
#include "store/export_journal.hpp"
#include "store/random_id.hpp"
#include "store/transfer_lock.hpp"
#include "store/schema.hpp"
#include "common/utc_time.hpp"

namespace arbor::km::store {
namespace {

[[noreturn]] void throw_io(const std::string& message, const std::filesystem::path& path, int err,
                           const char* call) {
  throw error(errc::io, message + ": " + std::generic_category().message(err),
              std::string(call) + "(" + path.string() + "): errno " + std::to_string(err));
}

void fsync_path(const std::filesystem::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) throw_io("could not open " + path.string() + " to flush it", path, errno, "open");
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) throw_io("could not flush " + path.string() + " to disk", path, err, "fsync");
}

// Copies every page of `from` into `to` in one pass, under SQLite's locks, so the copy is a
// consistent snapshot even while other connections write.
void copy_pages(sqlite3* from, sqlite3* to, const std::string& what) {
  sqlite3_backup* job = sqlite3_backup_init(to, "main", from, "main");
  if (job == nullptr) sqlite::throw_error(to, sqlite3_errcode(to), what);
  sqlite3_backup_step(job, -1);
  const int rc = sqlite3_backup_finish(job);
  if (rc != SQLITE_OK) sqlite::throw_error(to, rc, what);
}

// Removes the temporary copy unless it was linked into place.
class temporary_copy {
 public:
  explicit temporary_copy(const std::filesystem::path& dir)
      : path_(dir / (".incomplete-" + random_id(8) + ".db")) {
    // Created here with 0600 so SQLite opens an existing private file rather than creating one
    // with the umask's mode; its journal inherits the same mode.
    const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) throw_io("could not create a file in " + dir.string(), path_, errno, "open");
    ::close(fd);
  }
  ~temporary_copy() { ::unlink(path_.c_str()); }
  temporary_copy(const temporary_copy&) = delete;
  temporary_copy& operator=(const temporary_copy&) = delete;
  const std::filesystem::path& path() const noexcept { return path_; }

 private:
  std::filesystem::path path_;
};

// link() refuses an existing name, so two backups in the same second (or two processes) never
// overwrite each other: the loser takes the next suffix.
std::filesystem::path link_unique(const std::filesystem::path& from,
                                  const std::filesystem::path& dir, const std::string& stem) {
  for (int n = 1;; ++n) {
    const std::string suffix = n == 1 ? "" : "-" + std::to_string(n);
    const std::filesystem::path target = dir / (stem + suffix + ".db");
    if (::link(from.c_str(), target.c_str()) == 0) return target;
    if (errno != EEXIST) throw_io("could not name the backup " + target.string(), target, errno, "link");
  }
}

std::filesystem::path copy_database(sqlite::connection& source, const std::filesystem::path& dir,
                                    const std::string& stem) {
  temporary_copy temp(dir);
  {
    sqlite::connection copy(temp.path(), {.create = false, .read_only = false, .wal = false,
                                          .sync_full = true});
    copy_pages(source.handle(), copy.handle(), "could not copy the database to " + dir.string());
    // The copy carries the live file's WAL flag; a backup must be one self-contained file.
    copy.exec("PRAGMA journal_mode=DELETE");
  }
  fsync_path(temp.path(), O_RDONLY);
  const std::filesystem::path placed = link_unique(temp.path(), dir, stem);
  fsync_path(dir, O_RDONLY | O_DIRECTORY);
  return placed;
}

[[noreturn]] void refuse(const std::filesystem::path& file, const std::string& why,
                         const std::string& technical) {
  throw error(errc::corrupt,
              file.string() + " cannot be restored: " + why + ". Nothing was changed.", technical);
}

// PRAGMA integrity_check is the first read of the file, so it is also where a file that is not
// SQLite at all shows up (SQLITE_NOTADB).
void require_intact(sqlite::connection& candidate, const std::filesystem::path& file) {
  std::string problem;
  try {
    auto integrity = candidate.prepare("PRAGMA integrity_check");
    while (integrity.step() && problem.empty()) {
      if (integrity.column_text(0) != "ok") problem = integrity.column_text(0);
    }
  } catch (const error& e) {
    if (e.code() != errc::corrupt) throw;
    refuse(file, "it is not a database, or it is damaged", e.technical());
  }
  if (!problem.empty()) refuse(file, "it is damaged", "integrity_check: " + problem);
}

// A schema object as sqlite_schema names it: "table users", "trigger audit_log_no_delete".
std::set<std::string> objects_of(sqlite::connection& db) {
  std::set<std::string> objects;
  auto query = db.prepare("SELECT type || ' ' || name FROM sqlite_schema");
  while (query.step()) objects.insert(query.column_text(0));
  return objects;
}

std::vector<std::string> tables_of(sqlite::connection& db) {
  std::vector<std::string> tables;
  // sqlite_sequence last: copying the other tables' rows moves its counters.
  auto query = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' "
                          "ORDER BY name = 'sqlite_sequence', rowid");
  while (query.step()) tables.push_back(query.column_text(0));
  return tables;
}

// Whether a restore takes `table`'s rows from the backup. It does not take SQLite's AUTOINCREMENT
// counters (SQLite derives them from the rows copied), the login lockout (the state of this
// database's login attempts, not of the data: a backup could otherwise lock every administrator
// out for ever), or the export journal (an entry describes an export running when the backup
// was taken, which this database has resolved since).
bool takes_rows_of(std::string_view table) {
  return table != "sqlite_sequence" && table != "lockout" && table != export_journal_table;
}

// Row ids near the top of SQLite's range leave AUTOINCREMENT no next value: every later audit
// entry, and so every login, would fail with "database or disk is full".
void require_sane_counters(sqlite::connection& staged, const std::filesystem::path& file) {
  constexpr std::int64_t largest_sane_id = std::int64_t{1} << 53;
  auto query = staged.prepare("SELECT name, seq FROM sqlite_sequence WHERE seq > ?1");
  query.bind(1, largest_sane_id);
  if (query.step())
    refuse(file, "its table " + query.column_text(0) + " holds a row id of " + query.column_text(1) +
                     ", too close to the largest SQLite allows for this database to go on",
           "row id above 2^53");
}

// Hidden columns too (table_xinfo): a generated column is a column the product does not know.
std::set<std::string> columns_of(sqlite::connection& db, const std::string& table) {
  std::set<std::string> columns;
  auto query = db.prepare("SELECT name FROM pragma_table_xinfo(?1)");
  query.bind(1, table);
  while (query.step()) columns.insert(query.column_text(0));
  return columns;
}

// A Key Manager database made here by the product's own migrations, at `version`: what a backup
// taken at that version must hold, object for object and column for column.
sqlite::connection reference_schema(int version) {
  sqlite::connection reference(":memory:", {.create = true, .read_only = false, .wal = false, .sync_full = false});
  schema::migrate_to(reference, version);
  return reference;
}

// Names the first object (table, column, index, trigger, view) the backup and the reference do
// not share. The backup's schema is never used, so its objects only have to be known by name.
void require_same_objects(sqlite::connection& candidate, sqlite::connection& reference,
                          const std::filesystem::path& file) {
  const auto found = objects_of(candidate);
  const auto expected = objects_of(reference);
  for (const auto& object : found) {
    if (!expected.contains(object))
      refuse(file, "it holds " + object + ", which a Key Manager database does not have", "unknown object");
  }
  for (const auto& table : tables_of(reference)) {
    if (!found.contains("table " + table)) continue;  // named as missing below
    const auto has = columns_of(candidate, table);
    const auto wants = columns_of(reference, table);
    for (const auto& column : has) {
      if (!wants.contains(column))
        refuse(file, "it holds column " + table + "." + column + ", which a Key Manager database does not have",
               "unknown column");
    }
    for (const auto& column : wants) {
      if (!has.contains(column)) refuse(file, "its column " + table + "." + column + " is missing", "missing column");
    }
  }
  for (const auto& object : expected) {
    if (!found.contains(object)) refuse(file, "its " + object + " is missing", "missing object");
  }
}

// Checks the candidate is a whole Key Manager database this code can use; returns its schema
// version.
int check_backup(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    throw error(errc::not_found, file.string() + " does not exist or is not a file");
  }
  sqlite::connection candidate(file, {.create = false, .read_only = true, .wal = false,
                                      .sync_full = false});
  require_intact(candidate, file);
  const int version = schema::version_of(candidate);
  if (version > schema::current_version) {
    throw error(errc::bad_input,
                file.string() + " was taken by a newer Key Manager (schema " +
                    std::to_string(version) + "; this one understands up to " +
                    std::to_string(schema::current_version) + "). Nothing was changed.");
  }
  if (version < 1) refuse(file, "it is not a Key Manager database", "user_version 0");
  auto reference = reference_schema(version);
  require_same_objects(candidate, reference, file);
  return version;
}

std::string quoted(const std::string& name) {
  std::string out = "\"";
  for (const char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// A read-only URI for ATTACH: every byte outside the unreserved set percent-encoded, so no
// character of the path can be read as a URI parameter.
std::string read_only_uri(const std::filesystem::path& file) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string uri = "file:";
  for (const unsigned char c : std::filesystem::absolute(file).string()) {
    if (std::isalnum(c) != 0 || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
      uri += static_cast<char>(c);
    } else {
      uri += '%';
      uri += hex[c >> 4];
      uri += hex[c & 0xf];
    }
  }
  return uri + "?mode=ro";
}

// Replaces `table`'s rows in the staged database with the backup's, through the columns the
// product's schema gives the table: its constraints (NOT NULL, CHECK, UNIQUE) apply to each row.
void copy_rows(sqlite::connection& staged, const std::string& table, const std::filesystem::path& file) {
  std::string columns;
  for (const auto& column : columns_of(staged, table)) columns += (columns.empty() ? "" : ", ") + quoted(column);
  try {
    staged.exec("DELETE FROM main." + quoted(table));
    staged.exec("INSERT INTO main." + quoted(table) + " (" + columns + ") SELECT " + columns + " FROM backup." +
                quoted(table));
  } catch (const error& e) {
    if (e.code() != errc::conflict) throw;
    refuse(file, "the rows of its table " + table + " break the Key Manager's rules", e.technical());
  }
}

void require_foreign_keys(sqlite::connection& staged, const std::filesystem::path& file) {
  auto check = staged.prepare("PRAGMA foreign_key_check");
  if (check.step()) {
    refuse(file,
           "row " + std::to_string(check.column_int64(1)) + " of its table " + check.column_text(0) +
               " refers to a missing row of table " + check.column_text(2),
           "foreign_key_check");
  }
}

std::int64_t page_size_of(sqlite::connection& db) {
  auto query = db.prepare("PRAGMA page_size");
  query.step();
  return query.column_int64(0);
}

// A new database in `staging`, made by the product's own migrations at the backup's version
// with the live page size, then filled with the backup's rows table by table, checked, and
// migrated to the current version. The backup file itself is only read.
void stage(sqlite::connection& staged, sqlite::connection& live, const std::filesystem::path& file, int version) {
  // sqlite3_backup cannot change the page size of the live database in WAL mode, so the staged
  // copy takes the live one's whatever the backup's (one taken before sqlite::page_size was raised).
  staged.exec("PRAGMA page_size=" + std::to_string(page_size_of(live)));
  schema::migrate_to(staged, version);
  // Off while the tables fill in an order that ignores references; checked as a whole below.
  staged.exec("PRAGMA foreign_keys=OFF");
  staged.prepare("ATTACH DATABASE ?1 AS backup").bind(1, read_only_uri(file)).run();
  {
    sqlite::transaction tx(staged);
    for (const auto& table : tables_of(staged))
      if (takes_rows_of(table)) copy_rows(staged, table, file);
    require_sane_counters(staged, file);
    require_foreign_keys(staged, file);
    tx.commit();
  }
  staged.exec("DETACH DATABASE backup");
  staged.exec("PRAGMA foreign_keys=ON");
  schema::migrate(staged);
}

// The exports of the live database the staged one lacks, copied over, with who is back.
std::vector<returned_export> carry_exports_into(sqlite::connection& live, sqlite::connection& staged) {
  sqlite::transaction tx(staged);
  std::vector<returned_export> returned;
  transfer_log log(staged);
  for (auto& transfer : carry_exports(live, staged)) {
    const auto users_back = log.count_users_back(transfer.transfer_id);
    auto aliases = log.aliases_back(transfer.transfer_id, returned_export::aliases_named);
    returned.push_back({std::move(transfer), users_back, std::move(aliases)});
  }
  tx.commit();
  return returned;
}

}  // namespace

std::filesystem::path back_up(sqlite::connection& live, const data_directory& dir,
                              std::chrono::sys_seconds now) {
  return copy_database(live, dir.backups(), "kms-" + utc_compact(now));
}

std::vector<std::filesystem::path> list_backups(const data_directory& dir) {
  struct found {
    std::filesystem::path path;
    std::filesystem::file_time_type written;
  };
  std::vector<found> backups;
  for (const auto& entry : std::filesystem::directory_iterator(dir.backups())) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || entry.path().extension() != ".db" || name.front() == '.') {
      continue;
    }
    backups.push_back({entry.path(), entry.last_write_time()});
  }
  std::sort(backups.begin(), backups.end(), [](const found& a, const found& b) {
    return a.written != b.written ? a.written > b.written : a.path > b.path;
  });
  std::vector<std::filesystem::path> paths;
  for (auto& b : backups) paths.push_back(std::move(b.path));
  return paths;
}

restore_result restore(sqlite::connection& live, const data_directory& dir,
                       const std::filesystem::path& backup, std::chrono::sys_seconds now, const rows_check& check_rows) {
  // No export or import may run while the data under it is replaced, and an interrupted export
  // must be resolved in the database it belongs to first.
  const auto lock = transfer_lock::acquire(dir.root(), "restore", now);
  if (!export_journal(live).entries().empty())
    throw error(errc::conflict, "An interrupted export is not resolved yet (its file could not be read): nothing "
                                "was restored. Check the export file in " + dir.root().string() +
                                    ", then open the Key Manager again before restoring.");
  restore_result result;
  result.backup_version = check_backup(backup);
  const temporary_copy staging(dir.backups());
  sqlite::connection staged(staging.path(), {.create = false, .read_only = false, .wal = false, .sync_full = false});
  stage(staged, live, backup, result.backup_version);
  result.returned = carry_exports_into(live, staged);
  try {
    check_rows(staged);
  } catch (const error& e) {
    refuse(backup, e.what(), e.technical());
  }
  result.pre_restore_copy = copy_database(live, dir.backups(), "pre-restore-" + utc_compact(now));
  copy_pages(staged.handle(), live.handle(), "could not restore " + backup.string());
  return result;
}

}  // namespace arbor::km::store
