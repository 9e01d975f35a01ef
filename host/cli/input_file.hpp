#pragma once
// A file named on scripted mode's command line (--answers, --password-file), opened for reading:
// the one place the scripted front end opens such a file, so each refusal is made once.
#include "arbor/sdk/error.hpp"

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace arbor::host::cli {

class input_file {
 public:
  /// Opens `file`, which `what` ("the answer file") names in messages. Refuses, without waiting
  /// on it or reading from it, what is not a regular file (a FIFO, a device, a directory), and a
  /// file larger than `max_bytes`; a missing file is not_found, the rest invalid_input.
  static sdk::result<input_file> open(const std::filesystem::path& file, std::string_view what,
                                      std::size_t max_bytes);
  ~input_file();
  input_file(input_file&& other) noexcept;
  input_file& operator=(input_file&&) = delete;
  input_file(const input_file&) = delete;
  input_file& operator=(const input_file&) = delete;

  /// The descriptor, for reading; it stays owned by this object.
  int fd() const noexcept { return fd_; }
  /// The whole file, at most the size checked at open (a file that grew is cut there).
  sdk::result<std::string> read_all();

 private:
  input_file(int fd, std::size_t size, std::string name) : fd_(fd), size_(size), name_(std::move(name)) {}
  int fd_;
  std::size_t size_;
  std::string name_;  ///< "the answer file /path", for messages
};

}  // namespace arbor::host::cli
