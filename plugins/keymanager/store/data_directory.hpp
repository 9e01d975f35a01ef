#pragma once
// The KMSData directory: kms.db, the master key for sealing, the server identity and backups/.
// It holds everything an attacker wants, so it is private to the account running the Key
// Manager (0700) and the secret files in it are 0600.
#include <filesystem>

namespace arbor::km::store {

// An opened, checked KMSData directory and the names of the files in it.
class data_directory {
 public:
  // Opens `root`, creating it and backups/ with mode 0700 when missing. A directory that other
  // users can read or enter is tightened to 0700. Refuses with errc::bad_input when `root` is
  // not a directory or belongs to another user, and errc::io when it cannot be created,
  // tightened or written. Sets the process's umask to 077, so every file created afterwards
  // (the database, its -wal and -shm, backups) is private whatever the caller's umask was.
  static data_directory open(const std::filesystem::path& root);

  const std::filesystem::path& root() const noexcept { return root_; }
  std::filesystem::path database() const { return root_ / "kms.db"; }
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
