#include "host/tui/screen.hpp"

#include "host/tui/draw.hpp"

#include <curses.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

#include <clocale>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>

namespace arbor::host::tui {
namespace {

volatile std::sig_atomic_t stop_signal = 0;

// What the second signal needs, prepared before it can arrive: a signal handler may only use
// async-signal-safe calls (tcsetattr, write), not ncurses.
struct termios saved_termios {};
bool have_termios = false;
char reset_sequence[256];
std::size_t reset_length = 0;
constexpr int stop_signals[] = {SIGINT, SIGTERM};
constexpr int crash_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
// Indexed by signal number; every signal above is below 32.
struct sigaction previous[32] {};

void restore_terminal() noexcept {
  if (have_termios) ::tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
  [[maybe_unused]] auto written = ::write(STDOUT_FILENO, reset_sequence, reset_length);
}

void on_stop_signal(int sig) {
  if (stop_signal == 0) {
    stop_signal = sig;
    return;
  }
  restore_terminal();
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

void on_crash(int sig, siginfo_t* info, void*) {
  restore_terminal();
  ::sigaction(sig, &previous[sig], nullptr);
  // A fault raised by the kernel happens again when the instruction is retried on return, now
  // under the previous handler; a signal that was sent (abort(), kill) has to be sent again.
  if (info == nullptr || info->si_code <= 0) ::raise(sig);
}

void append_capability(const char* name) {
  const char* value = ::tigetstr(const_cast<char*>(name));
  if (value == nullptr || value == reinterpret_cast<const char*>(-1)) return;
  const std::size_t length = std::strlen(value);
  if (reset_length + length >= sizeof reset_sequence) return;
  std::memcpy(reset_sequence + reset_length, value, length);
  reset_length += length;
}

void install_handlers() {
  struct sigaction stop {};
  stop.sa_handler = on_stop_signal;
  sigemptyset(&stop.sa_mask);
  for (int sig : stop_signals) ::sigaction(sig, &stop, &previous[sig]);
  struct sigaction crash {};
  crash.sa_sigaction = on_crash;
  crash.sa_flags = SA_SIGINFO;
  sigemptyset(&crash.sa_mask);
  for (int sig : crash_signals) ::sigaction(sig, &crash, &previous[sig]);
}

void remove_handlers() {
  for (int sig : stop_signals) ::sigaction(sig, &previous[sig], nullptr);
  for (int sig : crash_signals) ::sigaction(sig, &previous[sig], nullptr);
}

}  // namespace

screen_session::screen_session() {
  std::setlocale(LC_ALL, "");  // UTF-8 input and output through ncursesw
  have_termios = ::tcgetattr(STDIN_FILENO, &saved_termios) == 0;
  // newterm, unlike initscr, returns an error instead of ending the process.
  terminal_ = ::newterm(nullptr, stdout, stdin);
  if (terminal_ == nullptr)
    throw std::runtime_error("The terminal cannot be used for the full-screen console (TERM=" +
                             std::string(std::getenv("TERM") ? std::getenv("TERM") : "unset") +
                             "); run a command instead, see `arbor --help`.");
  reset_length = 0;
  for (const char* capability : {"rmcup", "sgr0", "cnorm"}) append_capability(capability);
  stop_signal = 0;
  install_handlers();
  ::cbreak();
  ::noecho();
  ::nonl();
  ::keypad(stdscr, TRUE);
  ::set_escdelay(25);  // Esc is Cancel: do not wait a second for an escape sequence
  ::curs_set(0);
  init_styles();
}

screen_session::~screen_session() {
  ::endwin();
  ::delscreen(terminal_);
  remove_handlers();
}

bool screen_session::stop_requested() noexcept { return stop_signal != 0; }

}  // namespace arbor::host::tui
