#pragma once
// Reading the crypto services' files (certificates, sealed keys, the master key of old Key Managers) with the checks
// they all need: the path must be a regular file of bounded size, and errors name the path.
#include <sys/stat.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <vector>

namespace arbor::km::crypto {

// An open, read-only regular file: the one place the Key Manager opens a file it was given a
// path to. Checks run on the open descriptor (fstat), so the file that was checked is the file
// that is read; a FIFO or a device is refused without waiting on it or reading from it. A file
// this process holds open other than through a file_reader (its own database) is refused
// (errc::bad_input), since closing a second descriptor would drop the database's locks; readers
// of one file on several threads at once are fine. Throws errc::not_found when the path does not
// exist, errc::io for any other failure, naming the path.
class file_reader {
 public:
  explicit file_reader(const std::filesystem::path& path);
  ~file_reader();
  file_reader(const file_reader&) = delete;
  file_reader& operator=(const file_reader&) = delete;

  const struct stat& status() const noexcept { return status_; }
  const std::filesystem::path& path() const noexcept { return path_; }
  // Reads exactly `size` bytes into `out`; a file that ends early is errc::corrupt.
  void read_exactly(std::uint8_t* out, std::size_t size);
  // errc::bad_input, naming the file and the limit, when the file is larger than `max_bytes`:
  // a wrong path (a log, an image) is refused before it is read.
  void require_at_most(std::size_t max_bytes) const;
  // Reads up to `size` bytes into `out`; returns how many, 0 at the end of the file.
  std::size_t read_some(std::uint8_t* out, std::size_t size);

 private:
  std::filesystem::path path_;
  int fd_ = -1;
  struct stat status_ {};
};

// The whole file; larger than `max_bytes` is errc::bad_input (require_at_most).
std::vector<std::uint8_t> read_file(const std::filesystem::path& path, std::size_t max_bytes);

}  // namespace arbor::km::crypto
