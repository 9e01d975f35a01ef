#pragma once
// The KMSData directory: database/kms.db, the server identity certificate,
// backups/ and export files. It holds everything an attacker wants, so it is private to the
// account running the Key Manager (0700) and the secret files in it are 0600.
//
// The database has a subdirectory of its own that nothing but SQLite opens. Closing any
// descriptor of a database file drops every POSIX lock this process holds on it (SQLite's "How To
// Corrupt An SQLite Database File", 2.2), and a scan of KMSData for export files once did exactly
// that: another process then checkpointed and deleted the WAL under a live connection. Code that
// lists or reads files of KMSData never descends into database/.
#include <filesystem>

namespace arbor::km::store {

// An opened, checked KMSData directory and the names of the files in it.
class data_directory {
 public:
  // Opens `root`, creating it, database/ and backups/ with mode 0700 when missing. A directory
  // that other users can read or enter is tightened to 0700. A kms.db left in `root` by an
  // earlier version is moved into database/ (through SQLite, its WAL checkpointed first).
  // Refuses with errc::bad_input when `root` is not a directory or belongs to another user,
  // errc::conflict when the old kms.db is still open elsewhere, and errc::io when a directory
  // cannot be created, tightened or written. Sets the process's umask to 077, so every file
  // created afterwards (the database, its -wal and -shm, backups) is private whatever the
  // caller's umask was.
  static data_directory open(const std::filesystem::path& root);

  const std::filesystem::path& root() const noexcept { return root_; }
  // The directory only SQLite reads: kms.db and its -wal, -shm and -journal companions.
  std::filesystem::path database_dir() const { return root_ / "database"; }
  std::filesystem::path database() const { return database_dir() / "kms.db"; }
  // master.key and kms.key.sealed: where Key Managers made before schema version 6 kept their keys,
  // read once by the upgrade and then removed.
  std::filesystem::path master_key() const { return root_ / "master.key"; }
  std::filesystem::path certificate() const { return root_ / "kms.crt"; }
  std::filesystem::path sealed_server_key() const { return root_ / "kms.key.sealed"; }
  std::filesystem::path backups() const { return root_ / "backups"; }

 private:
  explicit data_directory(std::filesystem::path root) : root_(std::move(root)) {}
  std::filesystem::path root_;
};

// Checks that the secret file at `file` exists, is a regular file owned by this account and has
// no group or other permission bits (0600 or stricter). errc::not_found when it is missing;
// errc::bad_input, saying which chmod fixes it, otherwise. A leaked secret may already have been
// copied, so this refuses rather than quietly tightening.
void require_private_file(const std::filesystem::path& file);

}  // namespace arbor::km::store
