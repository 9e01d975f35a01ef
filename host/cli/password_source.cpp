#include "host/cli/password_source.hpp"

#include "host/cli/input_file.hpp"
#include "host/cli/interrupt.hpp"

#include <cerrno>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <string>

namespace arbor::host::cli {
namespace {

/// A password file holds a few passwords, one a line: a larger one is the wrong file.
constexpr std::size_t max_password_file_bytes = 64 * 1024;

/// Closes a descriptor this file opened.
struct fd_closer {
  int fd;
  ~fd_closer() {
    if (fd >= 0) ::close(fd);
  }
};

/// Turns terminal echo off for its lifetime.
class echo_off {
 public:
  explicit echo_off(int fd) : fd_(fd) {
    if (::tcgetattr(fd_, &saved_) != 0) return;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    active_ = ::tcsetattr(fd_, TCSAFLUSH, &quiet) == 0;
  }
  ~echo_off() {
    if (active_) ::tcsetattr(fd_, TCSAFLUSH, &saved_);
  }
  echo_off(const echo_off&) = delete;
  echo_off& operator=(const echo_off&) = delete;

 private:
  int fd_;
  termios saved_{};
  bool active_{false};
};

/// Appends `c`, wiping the old buffer when the string has to grow.
void push_wiping(std::string& line, char c) {
  if (line.size() == line.capacity()) {
    std::string bigger;
    bigger.reserve(2 * line.capacity() + 64);
    bigger = line;
    sdk::wipe_memory(line.data(), line.size());
    line.swap(bigger);
  }
  line.push_back(c);
}

}  // namespace

sdk::result<password_source> password_source::from_file(const std::filesystem::path& file) {
  auto in = input_file::open(file, "the password file", max_password_file_bytes);
  if (!in) return sdk::fail(sdk::reason::invalid_input, in.error().message);
  password_source source(origin::lines);
  while (auto line = source.read_fd_line(in.value().fd())) source.lines_.push_back(std::move(*line));
  return source;
}

password_source password_source::from_fd(int fd) { return password_source(origin::fd, fd); }

password_source password_source::from_terminal() { return password_source(origin::terminal); }

std::optional<sdk::secret_text> password_source::ask(std::string_view label) {
  switch (from_) {
    case origin::lines: {
      if (lines_.empty()) return std::nullopt;
      sdk::secret_text next = std::move(lines_.front());
      lines_.pop_front();
      return next;
    }
    case origin::fd: return read_fd_line(fd_);
    case origin::terminal: return ask_terminal(label);
  }
  return std::nullopt;
}

// One byte at a time, so nothing past the line is taken from a descriptor others may share.
// The line ends at '\n' (a '\r' before it is dropped); nothing is returned at end of input or
// on Ctrl-C.
std::optional<sdk::secret_text> password_source::read_fd_line(int fd) const {
  std::string line;
  line.reserve(256);
  bool complete = false;
  for (;;) {
    char c = 0;
    const ssize_t n = ::read(fd, &c, 1);
    if (n < 0 && errno == EINTR && !interrupted()) continue;
    if (n <= 0) break;
    if (c == '\n') {
      complete = true;
      break;
    }
    push_wiping(line, c);
  }
  const std::size_t length = !line.empty() && line.back() == '\r' ? line.size() - 1 : line.size();
  std::optional<sdk::secret_text> result;
  if ((complete || !line.empty()) && !interrupted()) result.emplace(std::string_view(line.data(), length));
  sdk::wipe_memory(line.data(), line.size());
  return result;
}

std::optional<sdk::secret_text> password_source::ask_terminal(std::string_view label) const {
  fd_closer tty{::open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)};
  if (tty.fd < 0) return std::nullopt;
  const std::string prompt = std::string(label) + ": ";
  if (::write(tty.fd, prompt.data(), prompt.size()) < 0) return std::nullopt;
  std::optional<sdk::secret_text> answer;
  {
    echo_off quiet(tty.fd);
    answer = read_fd_line(tty.fd);
  }
  if (::write(tty.fd, "\n", 1) < 0) return answer;
  return answer;
}

}  // namespace arbor::host::cli
