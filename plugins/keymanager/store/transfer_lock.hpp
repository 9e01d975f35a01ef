#pragma once
// One export or import at a time per KMSData directory: an exclusive flock(2) on
// <data>/transfer.lock. The kernel drops the lock when the holder exits, SIGKILL included, so a
// crashed export never leaves the Key Manager locked. The holder writes what it is doing and
// since when into the file, so a refusal can say it.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string_view>

namespace arbor::km::store {

// A held transfer lock; released when destroyed.
class transfer_lock {
 public:
  static constexpr std::string_view file_name = "transfer.lock";

  // Takes the lock without waiting. `activity` ("export", "import") and `now` (Unix seconds) are
  // recorded for whoever is refused. errc::conflict "another export or import is running on this
  // Key Manager (started <time>)" when it is held; errc::io when the file cannot be opened.
  static transfer_lock acquire(const std::filesystem::path& data_dir, std::string_view activity,
                               std::chrono::sys_seconds now);

  ~transfer_lock();
  transfer_lock(transfer_lock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  transfer_lock& operator=(transfer_lock&&) = delete;
  transfer_lock(const transfer_lock&) = delete;
  transfer_lock& operator=(const transfer_lock&) = delete;

 private:
  explicit transfer_lock(int fd) noexcept : fd_(fd) {}
  int fd_;
};

}  // namespace arbor::km::store
