#include "store/data_directory.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <string>
#include <system_error>

#include "common/km_error.hpp"
#include "common/staged_file.hpp"
#include "store/sqlite.hpp"

namespace arbor::km::store {
namespace {

constexpr mode_t private_dir = 0700;

std::string octal(mode_t mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
  return text;
}

[[noreturn]] void throw_io(const std::string& message, const std::filesystem::path& path, int err,
                           const char* call) {
  throw error(errc::io, message + ": " + std::generic_category().message(err),
              std::string(call) + "(" + path.string() + "): errno " + std::to_string(err));
}

void create_private_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  if (dir.has_parent_path()) std::filesystem::create_directories(dir.parent_path(), ec);
  if (::mkdir(dir.c_str(), private_dir) != 0 && errno != EEXIST) {
    throw_io("could not create the data directory " + dir.string(), dir, errno, "mkdir");
  }
}

// Makes sure `dir` is a directory of ours that nobody else can read, tightening it if needed.
void check_private_dir(const std::filesystem::path& dir) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) create_private_dir(dir);
  if (::stat(dir.c_str(), &st) != 0) {
    throw_io("could not read the data directory " + dir.string(), dir, errno, "stat");
  }
  if (!S_ISDIR(st.st_mode)) {
    throw error(errc::bad_input,
                dir.string() + " exists but is not a directory: choose another data directory "
                               "or move that file away");
  }
  if (st.st_uid != ::geteuid()) {
    throw error(errc::bad_input,
                dir.string() + " belongs to another account (uid " + std::to_string(st.st_uid) +
                    "): the Key Manager keeps private keys there, so it must own it; run as "
                    "that account or choose another data directory");
  }
  if ((st.st_mode & 077) != 0 && ::chmod(dir.c_str(), private_dir) != 0) {
    throw_io("the data directory " + dir.string() + " is open to other users (mode " +
                 octal(st.st_mode) + ") and could not be restricted to 0700",
             dir, errno, "chmod");
  }
  // Root passes access() whatever the mode, so the owner's bits (ours, checked above) are read
  // first: a directory its owner made read-only is refused for root too.
  if ((st.st_mode & (S_IWUSR | S_IXUSR)) != (S_IWUSR | S_IXUSR)) {
    throw_io("the data directory " + dir.string() + " is not writable (mode " +
                 octal(st.st_mode) + "): run chmod 700 on it",
             dir, EACCES, "stat");
  }
  if (::access(dir.c_str(), W_OK | X_OK) != 0) {
    throw_io("the data directory " + dir.string() + " is not writable", dir, errno, "access");
  }
}

// Versions before database/ kept kms.db in the root. The file is opened only by SQLite: a
// connection of its own checkpoints the WAL into it and, as the last one, removes the WAL and
// the shared-memory file on close; then kms.db alone moves. A WAL still there after the close
// belongs to another process that has the old file open.
void move_database_from_root(const std::filesystem::path& old_place, const std::filesystem::path& new_place) {
  const auto wal = std::filesystem::path(old_place.string() + "-wal");
  {
    sqlite::connection old_db(old_place, {.create = false, .read_only = false, .wal = true, .sync_full = true});
    old_db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  std::error_code ec;
  if (std::filesystem::exists(wal, ec))
    throw error(errc::conflict,
                old_place.string() + " is still in use by another program (its write-ahead log remains): close "
                                     "every console and task on this Key Manager, then try again. It moves to " +
                    new_place.string() + " once nothing has it open.");
  if (::rename(old_place.c_str(), new_place.c_str()) != 0)
    throw_io("could not move " + old_place.string() + " to " + new_place.string(), old_place, errno, "rename");
  sync_directory(new_place.parent_path());
  sync_directory(old_place.parent_path());
}

}  // namespace

data_directory data_directory::open(const std::filesystem::path& root) {
  // SQLite creates kms.db with 0644 minus the umask and gives its -wal and -shm the database's
  // mode; backups and every other file the Key Manager writes are secret too. Set once for the
  // process, since a umask restored later would race with other threads creating files.
  ::umask(077);
  check_private_dir(root);
  data_directory dir(root);
  check_private_dir(dir.backups());
  check_private_dir(dir.database_dir());
  const auto old_place = root / dir.database().filename();
  std::error_code ec;
  if (std::filesystem::exists(old_place, ec) && !std::filesystem::exists(dir.database(), ec))
    move_database_from_root(old_place, dir.database());
  return dir;
}

void require_private_file(const std::filesystem::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) {
    if (errno == ENOENT) throw error(errc::not_found, file.string() + " does not exist");
    throw_io("could not read " + file.string(), file, errno, "stat");
  }
  if (!S_ISREG(st.st_mode)) {
    throw error(errc::bad_input, file.string() + " is not a regular file");
  }
  if (st.st_uid != ::geteuid()) {
    throw error(errc::bad_input, file.string() + " belongs to another account (uid " +
                                     std::to_string(st.st_uid) + ")");
  }
  if ((st.st_mode & 077) != 0) {
    throw error(errc::bad_input,
                file.string() + " can be read by other users (mode " + octal(st.st_mode) +
                    "): run chmod 600 on it, and consider the secret in it exposed");
  }
}

}  // namespace arbor::km::store
