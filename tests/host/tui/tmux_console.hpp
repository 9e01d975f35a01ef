#pragma once
// Drives the real `arbor` in a detached tmux session of a given size: send keys, read the
// screen, wait (bounded, by polling the screen) for text to appear, resize the terminal, and
// check afterwards that the program left the terminal as it found it. Each console gets its own
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

  /// Makes the terminal `cols` x `rows`, as when the operator resizes the window.
  void resize(int cols, int rows);

  /// The screen now; every capture is also kept for seen_anywhere().
  std::string screen();
  /// Row `row` of the screen now (negative: from the bottom, -1 the last).
  std::string row(int row);
  /// The screen now with its attributes and colours as escape sequences (capture-pane -e).
  std::string screen_with_attributes();
  /// Polls the screen until it contains `needle` or `timeout` passes; true when it appeared.
  bool wait_for(const std::string& needle, std::chrono::milliseconds timeout = std::chrono::seconds(10));
  /// Polls until the screen no longer contains `needle`.
  bool wait_gone(const std::string& needle, std::chrono::milliseconds timeout = std::chrono::seconds(10));
  /// Polls until the program has exited; its exit status, or nothing on timeout.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout = std::chrono::seconds(10));

  /// After wait_exit(): true when the program left the terminal as it found it: the same
  /// modes (stty), the main screen (not the alternate one) and a visible cursor.
  bool terminal_restored();

  /// True when any screen captured so far contained `needle`.
  bool seen_anywhere(const std::string& needle) const;

 private:
  std::string tmux(const std::string& arguments) const;

  std::string socket_;
  std::vector<std::string> captures_;
};

/// The screen column where `text` starts in `line`, counting characters, not bytes (the pane
/// borders are multi-byte); npos when it is not there.
std::size_t column_of(const std::string& line, const std::string& text);

/// Single-quotes `text` for sh.
std::string shell_quote(const std::string& text);

}  // namespace arbor::test
