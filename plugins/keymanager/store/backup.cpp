#include "store/backup.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <string>
#include <system_error>

#include "common/km_error.hpp"
#include "store/random_id.hpp"
#include "store/schema.hpp"
#include "store/utc_time.hpp"

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

bool has_table(sqlite::connection& db, std::string_view table) {
  auto query = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1");
  query.bind(1, table);
  return query.step();
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
  for (const std::string_view table : schema::tables_at(version)) {
    if (!has_table(candidate, table)) {
      refuse(file, "it is not a Key Manager database",
             "schema " + std::to_string(version) + " but no table " + std::string(table));
    }
  }
  return version;
}

}  // namespace

std::filesystem::path back_up(sqlite::connection& live, const data_directory& dir,
                              std::int64_t now) {
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

std::int64_t page_size_of(sqlite::connection& db) {
  auto query = db.prepare("PRAGMA page_size");
  query.step();
  return query.column_int64(0);
}

// sqlite3_backup cannot change the page size of a database in WAL mode, so a backup whose pages
// differ from the live database's (one taken before sqlite::page_size was raised, or on a server
// that kept its older database) is rewritten with the live page size first, in a temporary copy.
void copy_into(sqlite::connection& live, const std::filesystem::path& backup, const data_directory& dir) {
  const std::string what = "could not restore " + backup.string();
  sqlite::connection source(backup, {.create = false, .read_only = true, .wal = false, .sync_full = false});
  const std::int64_t live_pages = page_size_of(live);
  if (page_size_of(source) == live_pages) {
    copy_pages(source.handle(), live.handle(), what);
    return;
  }
  const temporary_copy resized(dir.backups());
  std::filesystem::copy_file(backup, resized.path(), std::filesystem::copy_options::overwrite_existing);
  sqlite::connection rewritten(resized.path(), {.create = false, .read_only = false, .wal = false, .sync_full = false});
  rewritten.exec("PRAGMA journal_mode=DELETE");  // the copy may carry the WAL flag; VACUUM cannot resize in WAL
  rewritten.exec("PRAGMA page_size=" + std::to_string(live_pages));
  rewritten.exec("VACUUM");
  copy_pages(rewritten.handle(), live.handle(), what);
}

restore_result restore(sqlite::connection& live, const data_directory& dir,
                       const std::filesystem::path& backup, std::int64_t now) {
  restore_result result;
  result.backup_version = check_backup(backup);
  result.pre_restore_copy = copy_database(live, dir.backups(), "pre-restore-" + utc_compact(now));
  copy_into(live, backup, dir);
  schema::migrate(live);
  return result;
}

}  // namespace arbor::km::store
