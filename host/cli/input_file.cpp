#include "host/cli/input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace arbor::host::cli {
namespace {

// "64 KiB", "1 MiB": the limits are round numbers.
std::string size_text(std::size_t bytes) {
  if (bytes % (1 << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  if (bytes % (1 << 10) == 0) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

}  // namespace

sdk::result<input_file> input_file::open(const std::filesystem::path& file, std::string_view what,
                                         std::size_t max_bytes) {
  const std::string name = std::string(what) + " " + file.string();
  // O_NONBLOCK: opening a FIFO for reading would wait for a writer, forever. It changes nothing
  // for the regular files that pass the check below.
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    const int err = errno;
    return sdk::fail(err == ENOENT ? sdk::reason::not_found : sdk::reason::invalid_input,
                     "Cannot read " + name + " (" + std::strerror(err) + "): check the path and its permissions.");
  }
  input_file opened(fd, 0, name);
  struct stat st {};
  if (::fstat(fd, &st) != 0)
    return sdk::fail(sdk::reason::invalid_input, "Cannot read " + name + " (" + std::strerror(errno) + ").");
  if (!S_ISREG(st.st_mode))
    return sdk::fail(sdk::reason::invalid_input,
                     "Cannot read " + name + ": it is not a regular file (a FIFO, a device or a directory); give "
                     "the path of a file.");
  opened.size_ = static_cast<std::size_t>(st.st_size);
  if (opened.size_ > max_bytes)
    return sdk::fail(sdk::reason::invalid_input, "Cannot read " + name + ": it has " + std::to_string(opened.size_) +
                                                     " bytes and the limit is " + size_text(max_bytes) +
                                                     "; check that this is the right file.");
  return opened;
}

input_file::~input_file() {
  if (fd_ >= 0) ::close(fd_);
}

input_file::input_file(input_file&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), size_(other.size_), name_(std::move(other.name_)) {}

sdk::result<std::string> input_file::read_all() {
  std::string text(size_, '\0');
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::read(fd_, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      return sdk::fail(sdk::reason::invalid_input, "Cannot read " + name_ + " (" + std::strerror(errno) + ").");
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  text.resize(done);
  return text;
}

}  // namespace arbor::host::cli
