#pragma once
// Drives the real `arbor` in a detached tmux session of a given size: send keys, read the
// screen, wait (bounded, by polling the screen) for text to appear. Each console gets its own
// tmux server on a socket in the temp directory, both removed when the object goes away.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace arbor::test {

/// True when tmux is on the PATH.
bool tmux_available();

class tmux_console {
 public:
  /// Runs the shell command `command` in a `cols` x `rows` terminal.
  tmux_console(const std::string& command, int cols, int rows);
  ~tmux_console();
  tmux_console(const tmux_console&) = delete;
  tmux_console& operator=(const tmux_console&) = delete;

  /// Sends named keys (tmux names: "Down", "Enter", "Escape", "Tab", "NPage", "C-c").
  void keys(const std::vector<std::string>& names);
  /// Sends text literally.
  void type(const std::string& text);

  /// The screen now; every capture is also kept for seen_anywhere().
  std::string screen();
  /// Polls the screen until it contains `needle` or `timeout` passes; true when it appeared.
  bool wait_for(const std::string& needle, std::chrono::milliseconds timeout = std::chrono::seconds(10));
  /// Polls until the screen no longer contains `needle`.
  bool wait_gone(const std::string& needle, std::chrono::milliseconds timeout = std::chrono::seconds(10));
  /// Polls until the program has exited; its exit status, or nothing on timeout.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout = std::chrono::seconds(10));

  /// True when any screen captured so far contained `needle`.
  bool seen_anywhere(const std::string& needle) const;

 private:
  std::string tmux(const std::string& arguments) const;

  std::string socket_;
  std::vector<std::string> captures_;
};

/// Single-quotes `text` for sh.
std::string shell_quote(const std::string& text);

}  // namespace arbor::test
