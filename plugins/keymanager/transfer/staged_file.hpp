#pragma once
// A file written piece by piece under a temporary name beside its final name (mode 0600), then
// fsynced and linked into place only if the final name is still free, and the directory fsynced.
// Until then the final name never exists; destroying an unplaced staged_file removes it.
// (common/atomic_file.hpp does the same for a buffer already complete in memory; a transfer file
// is written segment by segment, so it needs the streaming form.)
#include <cstdint>
#include <filesystem>
#include <span>

namespace arbor::km::transfer {

class staged_file {
 public:
  // Throws errc::io naming the path when the temporary file cannot be created.
  explicit staged_file(std::filesystem::path final_path);
  ~staged_file();
  staged_file(const staged_file&) = delete;
  staged_file& operator=(const staged_file&) = delete;

  void write(std::span<const std::uint8_t> bytes);
  // fsync, close, link to the final name (errc::conflict if it exists), fsync the directory.
  void place();

  const std::filesystem::path& temporary_path() const noexcept { return temp_path_; }
  const std::filesystem::path& final_path() const noexcept { return final_path_; }

 private:
  std::filesystem::path final_path_;
  std::filesystem::path temp_path_;
  int fd_ = -1;
  bool placed_ = false;
};

}  // namespace arbor::km::transfer
