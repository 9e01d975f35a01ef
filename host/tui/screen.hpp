#pragma once
// The terminal in full-screen mode, as an RAII object: the constructor starts ncurses, the
// destructor restores the terminal (endwin), also when an exception unwinds. SIGINT and SIGTERM
// only set a flag that the screens read as a request to stop (key::interrupt), so the console
// leaves through the same path; a second signal restores the terminal at once and ends the
// process, for a task that does not look at cancellation. A crash while the screen is up
// (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, in a plugin's task or anywhere) restores the
// terminal too, then goes on as it would have without the console (default action, or the
// sanitizers' report).
struct screen;  // ncurses' SCREEN

namespace arbor::host::tui {

class screen_session {
 public:
  /// Throws std::runtime_error when the terminal cannot be used (TERM unknown, not a terminal).
  screen_session();
  ~screen_session();
  screen_session(const screen_session&) = delete;
  screen_session& operator=(const screen_session&) = delete;

  /// True once SIGINT or SIGTERM arrived while the screen was up.
  static bool stop_requested() noexcept;

 private:
  ::screen* terminal_;
};

}  // namespace arbor::host::tui
