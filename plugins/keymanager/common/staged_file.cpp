#include "common/staged_file.hpp"

#include <fcntl.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <string>
#include <system_error>

#include "common/km_error.hpp"

namespace arbor::km {
namespace {

[[noreturn]] void throw_io(const std::string& what, const std::filesystem::path& path, int err, const char* call) {
  const std::string text = std::generic_category().message(err);
  throw error(errc::io, what + " " + path.string() + ": " + text,
              std::string(call) + "(" + path.string() + ") failed with errno " + std::to_string(err) + " (" + text + ")");
}

// Random rather than pid-based so two writers (threads or processes) never share a temporary:
// "<final name>.tmp-" and 16 hex digits.
std::filesystem::path temporary_beside(const std::filesystem::path& target) {
  unsigned char raw[8];
  if (RAND_bytes(raw, sizeof raw) != 1) {
    throw error(errc::internal, "could not draw random bytes for a temporary file name", "RAND_bytes failed");
  }
  static constexpr char digits[] = "0123456789abcdef";
  std::string suffix;
  for (unsigned char b : raw) {
    suffix += digits[b >> 4];
    suffix += digits[b & 0x0f];
  }
  return target.string() + ".tmp-" + suffix;
}

}  // namespace

bool is_staged_temporary(std::string_view name, std::string_view final_name) {
  constexpr std::string_view marker = ".tmp-";
  constexpr std::size_t suffix_size = staged_temporary_suffix_size - marker.size();
  if (name.size() <= staged_temporary_suffix_size) return false;
  const auto stem = name.substr(0, name.size() - marker.size() - suffix_size);
  const auto suffix = name.substr(name.size() - suffix_size);
  return name.substr(stem.size(), marker.size()) == marker && (final_name.empty() || stem == final_name) &&
         std::all_of(suffix.begin(), suffix.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

void sync_directory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw_io("could not open directory", dir, errno, "open");
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) throw_io("could not flush directory", dir, err, "fsync");
}

staged_file::staged_file(std::filesystem::path final_path)
    : final_path_(std::move(final_path)), temp_path_(temporary_beside(final_path_)) {
  fd_ = ::open(temp_path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd_ < 0) throw_io("could not create temporary file", temp_path_, errno, "open");
}

staged_file::~staged_file() {
  if (fd_ >= 0) ::close(fd_);
  if (!placed_) ::unlink(temp_path_.c_str());
}

void staged_file::write(std::span<const std::uint8_t> bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw_io("could not write", temp_path_, errno, "write");
    bytes = bytes.subspan(static_cast<std::size_t>(n));
  }
}

void staged_file::place(mode_t mode, if_exists policy, const std::function<void()>& once_durable) {
  if (::fchmod(fd_, mode) != 0) throw_io("could not set permissions on", temp_path_, errno, "fchmod");
  if (::fsync(fd_) != 0) throw_io("could not flush", temp_path_, errno, "fsync");
  // close() can report a deferred write error (NFS), so its result matters.
  const int rc = ::close(fd_);
  fd_ = -1;
  if (rc != 0) throw_io("could not close", temp_path_, errno, "close");
  if (once_durable) once_durable();
  move_into_place(policy);
  sync_directory(final_path_.has_parent_path() ? final_path_.parent_path() : std::filesystem::path("."));
}

void staged_file::move_into_place(if_exists policy) {
  if (policy == if_exists::replace) {
    if (::rename(temp_path_.c_str(), final_path_.c_str()) != 0)
      throw_io("could not move the new file into place at", final_path_, errno, "rename");
    placed_ = true;
    return;
  }
  if (::link(temp_path_.c_str(), final_path_.c_str()) != 0) {
    const int err = errno;
    if (err == EEXIST) {
      throw error(errc::conflict,
                  final_path_.string() + " already exists; it was left unchanged. Choose another file name, or "
                                         "move the old file away first.",
                  "link(" + temp_path_.string() + ", " + final_path_.string() + "): EEXIST");
    }
    throw_io("could not move the new file into place at", final_path_, err, "link");
  }
  placed_ = true;
  ::unlink(temp_path_.c_str());  // the content is safe under its final name either way
}

}  // namespace arbor::km
