#pragma once
// A file written piece by piece under a temporary name beside its final name (mode 0600), then
// given its mode, fsynced, moved into place and the directory fsynced, so a crash at any moment
// leaves either no file (or the old one) or the complete new one, never a truncated mix. Until
// place() the final name is untouched; destroying an unplaced staged_file removes the temporary.
// common/atomic_file.hpp writes a buffer already complete in memory through it.
#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string_view>

namespace arbor::km {

// What to do when the target already exists.
enum class if_exists {
  replace = 1,  // atomically swap in the new content
  refuse,       // throw errc::conflict; the existing file is left untouched
};

// How many bytes a staged_file's temporary name adds to the final one: ".tmp-" and 16 hex digits.
inline constexpr std::size_t staged_temporary_suffix_size = 5 + 16;

// Whether `name` is a temporary name a staged_file gives ("<final name>.tmp-" and 16 hex digits),
// of any final name or, when `final_name` is not empty, of that one.
bool is_staged_temporary(std::string_view name, std::string_view final_name = {});

// Makes the renames and links done in `dir` durable (fsync of the directory). errc::io naming it.
void sync_directory(const std::filesystem::path& dir);

class staged_file {
 public:
  // Throws errc::io naming the path when the temporary file cannot be created.
  explicit staged_file(std::filesystem::path final_path);
  ~staged_file();
  staged_file(const staged_file&) = delete;
  staged_file& operator=(const staged_file&) = delete;

  void write(std::span<const std::uint8_t> bytes);
  // Sets exactly `mode` (the umask does not apply; the content was 0600 while written), fsyncs,
  // closes, calls `once_durable` (the content is on disk under the temporary name, the final
  // name still untouched), moves the file to its final name (rename for replace; link for refuse,
  // which fails with errc::conflict even against a racing writer) and fsyncs the directory.
  void place(mode_t mode, if_exists policy, const std::function<void()>& once_durable = {});

  const std::filesystem::path& temporary_path() const noexcept { return temp_path_; }
  const std::filesystem::path& final_path() const noexcept { return final_path_; }

 private:
  void move_into_place(if_exists policy);
  std::filesystem::path final_path_;
  std::filesystem::path temp_path_;
  int fd_ = -1;
  bool placed_ = false;
};

}  // namespace arbor::km
