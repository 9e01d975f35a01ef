#include "transfer/staged_file.hpp"

#include <fcntl.h>
#include <openssl/rand.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <system_error>

#include "common/km_error.hpp"
#include "crypto/hex.hpp"

namespace arbor::km::transfer {
namespace {

[[noreturn]] void throw_io(const std::string& what, const std::filesystem::path& path, int err) {
  throw error(errc::io, what + " " + path.string() + ": " + std::generic_category().message(err),
              "errno " + std::to_string(err));
}

std::filesystem::path temporary_beside(const std::filesystem::path& target) {
  std::uint8_t raw[8];
  if (RAND_bytes(raw, sizeof raw) != 1) {
    throw error(errc::internal, "could not draw random bytes for a temporary file name");
  }
  return target.string() + ".tmp-" + crypto::to_hex(raw);
}

void sync_directory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw_io("could not open directory", dir, errno);
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) throw_io("could not flush directory", dir, err);
}

}  // namespace

staged_file::staged_file(std::filesystem::path final_path)
    : final_path_(std::move(final_path)), temp_path_(temporary_beside(final_path_)) {
  fd_ = ::open(temp_path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd_ < 0) throw_io("could not create", temp_path_, errno);
}

staged_file::~staged_file() {
  if (fd_ >= 0) ::close(fd_);
  if (!placed_) ::unlink(temp_path_.c_str());
}

void staged_file::write(std::span<const std::uint8_t> bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw_io("could not write", temp_path_, errno);
    bytes = bytes.subspan(static_cast<std::size_t>(n));
  }
}

void staged_file::place() {
  if (::fsync(fd_) != 0) throw_io("could not flush", temp_path_, errno);
  // close() can report a deferred write error (NFS), so its result matters.
  const int rc = ::close(fd_);
  fd_ = -1;
  if (rc != 0) throw_io("could not close", temp_path_, errno);
  // link() fails with EEXIST rather than replacing, so an existing file is never overwritten,
  // even by a racing writer.
  if (::link(temp_path_.c_str(), final_path_.c_str()) != 0) {
    const int err = errno;
    if (err == EEXIST) {
      throw error(errc::conflict, final_path_.string() +
                                      " already exists; it was left unchanged. Choose another "
                                      "file name or move the old file away.");
    }
    throw_io("could not move the transfer file into place at", final_path_, err);
  }
  placed_ = true;
  ::unlink(temp_path_.c_str());
  const std::filesystem::path dir =
      final_path_.has_parent_path() ? final_path_.parent_path() : std::filesystem::path(".");
  sync_directory(dir);
}

}  // namespace arbor::km::transfer
