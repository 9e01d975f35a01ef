#include "common/atomic_file.hpp"

#include <fcntl.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <system_error>

#include "common/km_error.hpp"

namespace arbor::km {
namespace {

[[noreturn]] void throw_io(const std::string& what, const std::filesystem::path& path, int err,
                           const char* call) {
  const std::string text = std::generic_category().message(err);
  throw error(errc::io, what + " " + path.string() + ": " + text,
              std::string(call) + "(" + path.string() + ") failed with errno " +
                  std::to_string(err) + " (" + text + ")");
}

// Random rather than pid-based so two writers (threads or processes) never share a temporary.
std::string random_suffix() {
  unsigned char raw[8];
  if (RAND_bytes(raw, sizeof raw) != 1) {
    throw error(errc::internal, "could not draw random bytes for a temporary file name",
                "RAND_bytes failed");
  }
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : raw) {
    out += digits[b >> 4];
    out += digits[b & 0x0f];
  }
  return out;
}

void sync_directory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw_io("could not open directory", dir, errno, "open");
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) throw_io("could not flush directory", dir, err, "fsync");
}

// The temporary file beside the target; removed on destruction unless it was moved into place.
class temp_file {
 public:
  explicit temp_file(const std::filesystem::path& target)
      : path_(target.string() + ".tmp-" + random_suffix()) {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd_ < 0) throw_io("could not create temporary file", path_, errno, "open");
  }
  ~temp_file() {
    if (fd_ >= 0) ::close(fd_);
    if (!placed_) ::unlink(path_.c_str());
  }
  temp_file(const temp_file&) = delete;
  temp_file& operator=(const temp_file&) = delete;

  void write_all(std::span<const std::uint8_t> bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw_io("could not write", path_, errno, "write");
      bytes = bytes.subspan(static_cast<std::size_t>(n));
    }
  }

  void finish(mode_t mode) {
    if (::fchmod(fd_, mode) != 0) throw_io("could not set permissions on", path_, errno, "fchmod");
    if (::fsync(fd_) != 0) throw_io("could not flush", path_, errno, "fsync");
    // close() can report a deferred write error (NFS), so its result matters.
    const int rc = ::close(fd_);
    fd_ = -1;
    if (rc != 0) throw_io("could not close", path_, errno, "close");
  }

  void place(const std::filesystem::path& target, if_exists policy) {
    if (policy == if_exists::replace) {
      if (::rename(path_.c_str(), target.c_str()) != 0) {
        throw_io("could not move the new file into place at", target, errno, "rename");
      }
      placed_ = true;
      return;
    }
    // link() fails with EEXIST instead of replacing, so "refuse" holds even against a racing
    // writer; the temporary name is then dropped.
    if (::link(path_.c_str(), target.c_str()) != 0) {
      const int err = errno;
      if (err == EEXIST) {
        throw error(errc::conflict,
                    target.string() + " already exists; it was left unchanged. Move it away "
                                      "first if it really should be replaced.",
                    "link(" + path_.string() + ", " + target.string() + "): EEXIST");
      }
      throw_io("could not move the new file into place at", target, err, "link");
    }
    ::unlink(path_.c_str());  // the content is safe under its final name either way
    placed_ = true;
  }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
  bool placed_ = false;
};

}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::span<const std::uint8_t> bytes,
                           mode_t mode, if_exists policy) {
  temp_file temp(path);
  temp.write_all(bytes);
  temp.finish(mode);
  temp.place(path, policy);
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : ".";
  sync_directory(dir);
}

}  // namespace arbor::km
