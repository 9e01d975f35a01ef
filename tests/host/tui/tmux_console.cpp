#include "tmux_console.hpp"

#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace arbor::test {
namespace {

const std::string exit_marker = "command exited with status ";
const std::string modes_kept = "terminal modes restored";

std::string run(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
  if (!pipe) throw std::runtime_error("cannot run: " + command);
  std::string out;
  std::array<char, 4096> buffer{};
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe.get())) out.append(buffer.data(), n);
  return out;
}

// Polling the screen, not waiting for time to pass: each check is bounded by `timeout`.
template <class Predicate>
bool poll(Predicate done, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (done()) return true;
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

// With ARBOR_CONSOLE_CAPTURES=DIR, every distinct screen a test saw is written to
// DIR/<test case>-<n>.txt, so docs/console.md's captures are taken from the tests themselves.
void keep_captures(const std::vector<std::string>& captures) {
  const char* dir = std::getenv("ARBOR_CONSOLE_CAPTURES");
  if (dir == nullptr || *dir == '\0') return;
  std::filesystem::create_directories(dir);
  const std::string test = boost::unit_test::framework::current_test_case().p_name;
  static int session = 0;
  ++session;
  int n = 0;
  const std::string* last = nullptr;
  for (const std::string& screen : captures) {
    if (last != nullptr && *last == screen) continue;
    last = &screen;
    std::ofstream(std::filesystem::path(dir) / (test + "-" + std::to_string(session) + "-" + std::to_string(++n) + ".txt"))
        << screen;
  }
}

}  // namespace

bool tmux_available() {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');)
    if (!dir.empty() && ::access((std::filesystem::path(dir) / "tmux").c_str(), X_OK) == 0) return true;
  return false;
}

std::size_t column_of(const std::string& line, const std::string& text) {
  const std::size_t at = line.find(text);
  if (at == std::string::npos) return at;
  std::size_t column = 0;
  for (std::size_t i = 0; i < at; ++i) column += (static_cast<unsigned char>(line[i]) & 0xC0) != 0x80;  // lead bytes
  return column;
}

std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

tmux_console::tmux_console(const std::string& command, int cols, int rows) {
  static int counter = 0;
  socket_ = (std::filesystem::temp_directory_path() /
             ("arbor-tui-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + ".sock"))
                .string();
  // The shell prints the command's status and stays (until kill-server) so it can be read: tmux
  // drops a dead pane's last output. Its trap keeps it alive through a Ctrl-C meant for the
  // command (a trapped signal, unlike an ignored one, is not passed on as ignored). It also
  // compares the terminal's modes before and after the command.
  const std::string wrapped = "trap : INT; modes=$(stty -g); " + command + "; status=$?; " +
                              "[ \"$(stty -g)\" = \"$modes\" ] && kept=\"" + modes_kept + "\" || kept=\"terminal modes changed\"; " +
                              "echo \"" + exit_marker + "$status, $kept\"; exec sleep 600";
  tmux("new-session -d -s console -x " + std::to_string(cols) + " -y " + std::to_string(rows) + " " +
       shell_quote("sh -c " + shell_quote(wrapped)));
}

tmux_console::~tmux_console() {
  keep_captures(captures_);
  tmux("kill-server");
  std::error_code ignored;
  std::filesystem::remove(socket_, ignored);  // tmux leaves its socket file behind
}

std::string tmux_console::tmux(const std::string& arguments) const {
  return run("tmux -S " + shell_quote(socket_) + " -f /dev/null " + arguments + " 2>&1");
}

void tmux_console::keys(const std::vector<std::string>& names) {
  for (const std::string& name : names) tmux("send-keys -t console " + shell_quote(name));
}

void tmux_console::type(const std::string& text) { tmux("send-keys -t console -l " + shell_quote(text)); }

void tmux_console::resize(int cols, int rows) {
  tmux("resize-window -t console -x " + std::to_string(cols) + " -y " + std::to_string(rows));
}

std::string tmux_console::row(int row) {
  std::istringstream lines(screen());
  std::vector<std::string> rows;
  for (std::string line; std::getline(lines, line);) rows.push_back(line);
  const int index = row < 0 ? static_cast<int>(rows.size()) + row : row;
  return index >= 0 && index < static_cast<int>(rows.size()) ? rows[static_cast<std::size_t>(index)] : std::string{};
}

std::string tmux_console::screen_with_attributes() { return tmux("capture-pane -p -e -t console"); }

bool tmux_console::terminal_restored() {
  return screen().find(modes_kept) != std::string::npos &&
         tmux("display-message -p -t console '#{alternate_on} #{cursor_flag}'") == "0 1\n";
}

std::string tmux_console::screen() {
  captures_.push_back(tmux("capture-pane -p -t console"));
  return captures_.back();
}

bool tmux_console::wait_for(const std::string& needle, std::chrono::milliseconds timeout) {
  return poll([&] { return screen().find(needle) != std::string::npos; }, timeout);
}

bool tmux_console::wait_gone(const std::string& needle, std::chrono::milliseconds timeout) {
  return poll([&] { return screen().find(needle) == std::string::npos; }, timeout);
}

std::optional<int> tmux_console::wait_exit(std::chrono::milliseconds timeout) {
  // Read from the screen: tmux's own record of a dead pane's status is lost when the terminal
  // closes before the process is reaped.
  std::optional<int> status;
  poll([&] {
    const std::string shown = screen();
    const auto at = shown.find(exit_marker);
    if (at == std::string::npos) return false;
    const auto digits = shown.substr(at + exit_marker.size());
    if (digits.empty() || !std::isdigit(static_cast<unsigned char>(digits[0]))) return false;
    status = std::stoi(digits);
    return true;
  }, timeout);
  return status;
}

bool tmux_console::seen_anywhere(const std::string& needle) const {
  for (const std::string& capture : captures_)
    if (capture.find(needle) != std::string::npos) return true;
  return false;
}

}  // namespace arbor::test
