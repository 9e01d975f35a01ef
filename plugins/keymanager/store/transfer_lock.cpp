#include "store/transfer_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <system_error>

#include "common/km_error.hpp"
#include "common/utc_time.hpp"

namespace arbor::km::store {
namespace {

// What the holder wrote ("export started 2024-03-01 14:05:09 UTC"), for the refusal. A holder
// that is still writing it yields a partial line, which is only text in a message.
std::string holder_note(int fd) {
  char buffer[256];
  const ssize_t n = ::pread(fd, buffer, sizeof buffer - 1, 0);
  if (n <= 0) return {};
  std::string note(buffer, static_cast<std::size_t>(n));
  if (const auto end = note.find('\n'); end != std::string::npos) note.resize(end);
  return note;
}

void write_note(int fd, const std::string& note) {
  // Best effort: the note only decorates a refusal message, the flock is what excludes.
  if (::ftruncate(fd, 0) != 0) return;
  [[maybe_unused]] const ssize_t ignored = ::pwrite(fd, note.data(), note.size(), 0);
}

}  // namespace

transfer_lock transfer_lock::acquire(const std::filesystem::path& data_dir,
                                     std::string_view activity, std::chrono::sys_seconds now) {
  const std::filesystem::path path = data_dir / file_name;
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    const int err = errno;
    throw error(errc::io, "could not open " + path.string() + ": " +
                              std::generic_category().message(err),
                "open: errno " + std::to_string(err));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    const std::string note = err == EWOULDBLOCK ? holder_note(fd) : std::string{};
    ::close(fd);
    if (err != EWOULDBLOCK) {
      throw error(errc::io, "could not lock " + path.string() + ": " +
                                std::generic_category().message(err),
                  "flock: errno " + std::to_string(err));
    }
    const auto started = note.find("started ");
    throw error(errc::conflict,
                "another export or import is running on this Key Manager" +
                    (started == std::string::npos ? std::string{}
                                                  : " (" + note.substr(started) + ")") +
                    ": wait for it to finish, then try again",
                "flock(" + path.string() + "): held; note \"" + note + "\"");
  }
  write_note(fd, std::string(activity) + " started " + utc_text(now) + "\n");
  return transfer_lock(fd);
}

transfer_lock::~transfer_lock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace arbor::km::store
