#pragma once
// The real Key Manager in the real console, in tmux at a given size, with the steps the tmux
// tests on it share: select the Key Manager, open a menu entry or task, log in.
#include "kms_fixture.hpp"
#include "tmux_console.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
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

/// Saves `kms`'s certificate as `pem` with Save the KMS Certificate; its SHA-256 fingerprint as
/// `openssl x509 -fingerprint` prints it, for the export wizard's thumbprint page.
inline std::string saved_certificate_fingerprint(const kms_server& kms, const std::filesystem::path& pem) {
  const auto saved = kms.run("save-kms-certificate", login_as(), {"password"}, {"file.path=" + pem.string()});
  BOOST_REQUIRE_MESSAGE(saved.exit_code == 0, saved.out + saved.err);
  const std::string out = shell("openssl x509 -noout -fingerprint -sha256 -in " + shell_quote(pem.string()) + " | cut -d= -f2");
  return out.substr(0, out.find('\n'));
}

/// Gives `kms` a CA address where nothing listens, so a task that reaches the CA fails quickly.
inline void set_unreachable_ca(const kms_server& kms) {
  const auto configured = kms.run("certificate-services", login_as(), {"password"},
                                  {"operation.action=set", "ca.url=http://127.0.0.1:9"});
  BOOST_REQUIRE_MESSAGE(configured.exit_code == 0, configured.out + configured.err);
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

  /// Export Users from its first page, logged in: encrypted to the certificate `pem` (whose
  /// `fingerprint` is confirmed) into `file_name`, up to the User View Selection page.
  void export_to_user_view(const std::filesystem::path& pem, const std::string& fingerprint, const std::string& file_name) {
    BOOST_REQUIRE_MESSAGE(console.wait_for("Encryption Certificate"), console.screen());
    console.type(pem.string());
    console.keys({"Enter"});
    BOOST_REQUIRE_MESSAGE(console.wait_for("Certificate Thumbprint Verification"), console.screen());
    console.type(fingerprint);
    console.keys({"Enter"});
    BOOST_REQUIRE_MESSAGE(console.wait_for("Export Filename"), console.screen());
    console.type(file_name);
    console.keys({"Enter"});
    BOOST_REQUIRE_MESSAGE(console.wait_for("User View Selection"), console.screen());
  }

  /// On a login page: the password field (after the administrator's name), `password`, Enter.
  void log_in(const std::string& password = "password") {
    BOOST_REQUIRE_MESSAGE(console.wait_for("Key Management Service Login"), console.screen());
    console.keys({"Tab"});
    console.type(password);
    console.keys({"Enter"});
  }
};

/// Runs `check(cols, rows)` at each of console_sizes, the size named in its failures.
template <class Check>
void at_each_size(Check check) {
  for (const auto& [cols, rows] : console_sizes) {
    BOOST_TEST_CONTEXT(cols << "x" << rows) { check(cols, rows); }
  }
}

/// Runs `check(at)` on a new console on `kms` at each of console_sizes.
template <class Check>
void on_each_size(const kms_server& kms, Check check) {
  at_each_size([&](int cols, int rows) {
    kms_console_at at(kms, cols, rows);
    check(at);
  });
}

}  // namespace arbor::test
