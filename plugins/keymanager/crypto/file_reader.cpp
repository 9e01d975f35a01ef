#include "crypto/file_reader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <mutex>
#include <set>
#include <string>
#include <system_error>

#include "common/km_error.hpp"

namespace arbor::km::crypto {
namespace {

[[noreturn]] void throw_open_failure(const std::filesystem::path& path, int err) {
  const std::string text = std::generic_category().message(err);
  throw error(err == ENOENT ? errc::not_found : errc::io,
              "could not open " + path.string() + ": " + text,
              "open(" + path.string() + ") failed with errno " + std::to_string(err));
}

// "64 KiB", "1 MiB": limits are round numbers, and operators read them better so.
std::string size_text(std::size_t bytes) {
  if (bytes % (1 << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  if (bytes % (1 << 10) == 0) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

// The descriptors file_readers hold now. Another reader's descriptor holds no lock, so two tasks
// may read one file (the Key Manager's certificate) at once. Opening, closing and the scan below
// all happen under `mutex`: the scan never meets a reader's descriptor it does not know of, nor
// skips a number close() has already handed back to SQLite.
struct reader_descriptors {
  std::mutex mutex;
  std::set<int> held;
};

reader_descriptors& readers() {
  static reader_descriptors shared;
  return shared;
}

// Closing any descriptor of a file drops every POSIX lock this process holds on it (SQLite's "How
// To Corrupt An SQLite Database File", 2.2). A file this process already has open otherwise, as it
// has its database, its -wal and -shm, is therefore never opened a second time, whatever path
// leads to it: stat() and fstat() of the descriptors held look without opening anything.
void refuse_if_already_open(const std::filesystem::path& path, const std::set<int>& readers_held) {
  struct stat target {};
  if (::stat(path.c_str(), &target) != 0 || !S_ISREG(target.st_mode)) return;  // open() and fstat() say why
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    const int fd = std::stoi(name);
    struct stat held {};
    if (!readers_held.contains(fd) && ::fstat(fd, &held) == 0 && held.st_dev == target.st_dev &&
        held.st_ino == target.st_ino)
      throw error(errc::bad_input, path.string() + " is a file this program already has open, such as the Key "
                                                   "Manager's own database: it is not read as anything else. Give "
                                                   "the path of the file you meant.");
  }
}

// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever. It changes
// nothing for the regular files that pass file_reader's check.
int open_for_reading(const std::filesystem::path& path) {
  auto& shared = readers();
  const std::lock_guard lock(shared.mutex);
  refuse_if_already_open(path, shared.held);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) throw_open_failure(path, errno);
  try {
    shared.held.insert(fd);
  } catch (...) {
    ::close(fd);
    throw;
  }
  return fd;
}

void close_reader(int fd) noexcept {
  auto& shared = readers();
  const std::lock_guard lock(shared.mutex);
  ::close(fd);
  shared.held.erase(fd);
}

}  // namespace

file_reader::file_reader(const std::filesystem::path& path) : path_(path), fd_(open_for_reading(path)) {
  if (::fstat(fd_, &status_) != 0) {
    const int err = errno;
    close_reader(fd_);
    throw error(errc::io, "could not inspect " + path.string() + ": " +
                              std::generic_category().message(err));
  }
  if (!S_ISREG(status_.st_mode)) {
    close_reader(fd_);
    throw error(errc::bad_input, path.string() + " is not a regular file (a device, a FIFO or a "
                                                 "directory): give the path of the file itself");
  }
}

file_reader::~file_reader() { close_reader(fd_); }

std::size_t file_reader::read_some(std::uint8_t* out, std::size_t size) {
  for (;;) {
    const ssize_t n = ::read(fd_, out, size);
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno != EINTR) {
      throw error(errc::io, "could not read " + path_.string() + ": " +
                                std::generic_category().message(errno));
    }
  }
}

void file_reader::read_exactly(std::uint8_t* out, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    const std::size_t n = read_some(out + done, size - done);
    if (n == 0) {
      throw error(errc::corrupt, path_.string() + " ended early: it changed while being read",
                  "read " + std::to_string(done) + " of " + std::to_string(size) + " bytes");
    }
    done += n;
  }
}

void file_reader::require_at_most(std::size_t max_bytes) const {
  const auto size = static_cast<std::size_t>(status_.st_size);
  if (size > max_bytes) {
    throw error(errc::bad_input, path_.string() + " is too large (" + std::to_string(size) +
                                     " bytes; the limit is " + size_text(max_bytes) +
                                     "): check that this is the right file");
  }
}

std::vector<std::uint8_t> read_file(const std::filesystem::path& path, std::size_t max_bytes) {
  file_reader file(path);
  file.require_at_most(max_bytes);
  const auto size = static_cast<std::size_t>(file.status().st_size);
  std::vector<std::uint8_t> bytes(size);
  file.read_exactly(bytes.data(), size);
  return bytes;
}

}  // namespace arbor::km::crypto
