#pragma once
// The real Key Manager in the real console, in tmux at a given size, with the steps the tmux
// tests on it share: select the Key Manager, open a menu entry or task, log in.
#include "kms_fixture.hpp"
#include "tmux_console.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <utility>

namespace arbor::test {

/// The two sizes every console test runs at.
inline constexpr std::pair<int, int> console_sizes[] = {{80, 24}, {120, 40}};

inline std::string console_command(const kms_server& kms) {
  std::string command = shell_quote(ARBOR_EXE);
  for (const std::string& option : kms.options()) command += " " + shell_quote(option);
  return command;
}

/// `screen` with every run of spaces and line breaks as one space, so a check does not depend on
/// where a text wraps or how a label is padded.
inline std::string flat(const std::string& screen) {
  std::string out;
  for (char c : screen) {
    const bool blank = c == ' ' || c == '\n';
    if (!blank) out += c;
    else if (!out.empty() && out.back() != ' ') out += ' ';
  }
  return out;
}

/// A console of `cols` x `rows` on `kms`, showing its tree.
struct kms_console_at {
  tmux_console console;

  kms_console_at(const kms_server& kms, int cols, int rows) : console(console_command(kms), cols, rows) {
    BOOST_REQUIRE_MESSAGE(console.wait_for("Console Root"), "the console did not start:\n" + console.screen());
  }

  /// Console Root > Advanced Security > Key Manager, its details shown.
  void select_key_manager() {
    console.keys({"Down", "Right"});
    BOOST_REQUIRE(console.wait_for("Key Manager"));
    console.keys({"Down"});
    BOOST_REQUIRE_MESSAGE(console.wait_for("Users  ("), console.screen());
  }

  /// Opens the menu and moves to the entry reached by typing `letters` (the menu's jumps).
  void menu_to(const std::string& letters) {
    console.keys({"m"});
    BOOST_REQUIRE(console.wait_for("All Tasks"));
    for (char c : letters) console.type(std::string(1, c));
  }

  /// Opens the menu entry reached by `letters` and waits for its first page, titled `title`.
  void open_task(const std::string& letters, const std::string& title) {
    menu_to(letters);
    console.keys({"Enter"});
    BOOST_REQUIRE_MESSAGE(console.wait_for(title + "  -  page 1"), console.screen());
  }

  /// From the tree: the Key Manager's task reached by `letters`, its login passed with the
  /// initial password.
  void open_task_logged_in(const std::string& letters, const std::string& title) {
    select_key_manager();
    open_task(letters, title);
    log_in();
  }

  /// On a login page: the password field (after the administrator's name), `password`, Enter.
  void log_in(const std::string& password = "password") {
    BOOST_REQUIRE_MESSAGE(console.wait_for("Key Management Service Login"), console.screen());
    console.keys({"Tab"});
    console.type(password);
    console.keys({"Enter"});
  }
};

}  // namespace arbor::test
