#define BOOST_TEST_MODULE keymanager_console_test
// The real Key Manager in the real console, driven through tmux at 80x24 as an operator would:
// the status line's warning, a task run to its summary after a refused password, a cancelled
// wizard, resizes, and Ctrl-C in the middle of a task.
#include <boost/test/unit_test.hpp>

#include "kms_console_at.hpp"
#include "posix_locks.hpp"
#include "tmux_required.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>

namespace {

namespace fs = std::filesystem;
using arbor::test::column_of;
using arbor::test::kms_server;
using arbor::test::login_as;
using arbor::test::saved_certificate_fingerprint;

/// A fresh Key Manager, so the console can be built on it.
struct fresh_kms {
  kms_server kms{"tui"};
};

/// A fresh Key Manager and the console on it, 80x24, showing its tree.
struct kms_console : fresh_kms, arbor::test::kms_console_at {
  kms_console() : kms_console_at(kms, 80, 24) {}

  /// Opens the All Tasks entry starting with `letter` and waits for its login page.
  void open_at_login(const std::string& letter, const std::string& title) {
    select_key_manager();
    open_task(letter, title);
    BOOST_REQUIRE(console.wait_for("Key Management Service Login"));
  }

  /// On the login page, the password field holding `typed` characters: emptied, then
  /// `password` and Enter.
  void retype_password(const std::string& password, std::size_t typed) {
    for (std::size_t i = 0; i < typed; ++i) console.keys({"BSpace"});
    console.type(password);
    console.keys({"Enter"});
  }
};

/// The pid of the console on `kms` (an arbor process with its data directory that runs no task).
std::optional<pid_t> console_pid(const kms_server& kms) {
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(entry.path() / "cmdline", std::ios::binary);
    std::vector<std::string> args;
    for (std::string arg; std::getline(in, arg, '\0');) args.push_back(arg);
    const bool on_kms = std::find(args.begin(), args.end(), kms.data().string()) != args.end();
    const bool runs_task = std::find(args.begin(), args.end(), "run") != args.end();
    if (!args.empty() && fs::path(args[0]).filename() == "arbor" && on_kms && !runs_task) return std::stoi(name);
  }
  return std::nullopt;
}


}  // namespace

BOOST_AUTO_TEST_SUITE(keymanager_console, *boost::unit_test::precondition(arbor::test::tmux_required()))

BOOST_FIXTURE_TEST_CASE(the_status_line_warns_while_the_initial_password_is_in_use, kms_console) {
  select_key_manager();
  BOOST_TEST(console.row(-3).find("! Key Manager: The initial password 'password' is still in use") != std::string::npos,
             console.screen());
  console.keys({"Up"});  // the warning stays when the operator moves on
  BOOST_TEST_REQUIRE(console.wait_for("A folder. It contains:"));
  BOOST_TEST(console.row(-3).find("! Key Manager: The initial password") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(back_up_database_refuses_a_wrong_password_then_shows_its_summary, kms_console) {
  const std::string wrong = "not-the-password";
  open_at_login("B", "Back Up Database");
  BOOST_TEST(console.screen().find("[ Finish ]") != std::string::npos);
  log_in(wrong);
  BOOST_TEST_REQUIRE(console.wait_for("password is wrong"), console.screen());
  BOOST_TEST(console.screen().find("Key Management Service Login") != std::string::npos);  // still the login page
  BOOST_TEST((!fs::exists(kms.data() / "backups") || fs::is_empty(kms.data() / "backups")));

  retype_password("password", wrong.size());
  BOOST_TEST_REQUIRE(console.wait_for("Back Up Database: summary"), console.screen());
  const std::string summary = console.screen();
  BOOST_TEST(summary.find("The database was backed up") != std::string::npos);
  BOOST_TEST(summary.find("Backup:") != std::string::npos);
  BOOST_TEST(summary.find((kms.data() / "backups").string()) != std::string::npos, summary);
  BOOST_TEST(!fs::is_empty(kms.data() / "backups"));
  console.keys({"Enter"});
  BOOST_TEST(console.wait_for("Back Up Database completed."));
  BOOST_TEST(!console.seen_anywhere(wrong));
}

BOOST_FIXTURE_TEST_CASE(cancelling_save_the_kms_certificate_writes_nothing, kms_console) {
  const fs::path target = kms.root() / "kms.crt";
  open_at_login("S", "Save the KMS Certificate");
  log_in("password");
  BOOST_TEST_REQUIRE(console.wait_for("page 2 of 2"), console.screen());
  BOOST_TEST(console.screen().find("SHA-1:") != std::string::npos);
  console.type(target.string());
  console.keys({"Escape"});  // past page 1 the console asks first
  BOOST_TEST_REQUIRE(console.wait_for("discard the answers"), console.screen());
  console.type("y");
  BOOST_TEST(console.wait_for("The wizard was cancelled; nothing was changed."), console.screen());
  BOOST_TEST(!fs::exists(target));
}

BOOST_FIXTURE_TEST_CASE(the_layout_follows_a_resize_to_120x40_and_back, kms_console) {
  select_key_manager();
  BOOST_TEST(console.row(-1).find(" Enter open  m menu") == 0u);
  console.resize(120, 40);
  BOOST_TEST_REQUIRE(console.wait_for("Up/Down Right/Left move"), console.screen());
  BOOST_TEST(console.row(39).find("Up/Down Right/Left move") != std::string::npos);
  BOOST_TEST(console.row(37).find("! Key Manager: The initial password") != std::string::npos);
  BOOST_TEST(column_of(console.row(1), "Console Root/Advanced Security") == 42u);  // the tree pane is 40 wide

  console.resize(80, 24);
  BOOST_TEST_REQUIRE(console.wait_gone("Up/Down Right/Left move"));
  BOOST_TEST(console.row(23).find(" Enter open  m menu") == 0u);
  BOOST_TEST(console.row(21).find("! Key Manager: The initial password") != std::string::npos);
  BOOST_TEST(column_of(console.row(1), "Console Root/Advanced Security") == 28u);  // 80 / 3 columns of tree
}

BOOST_FIXTURE_TEST_CASE(a_wizard_page_follows_a_resize, kms_console) {
  open_at_login("B", "Back Up Database");
  console.resize(120, 40);
  BOOST_TEST_REQUIRE(console.wait_for("[ Finish ]"));
  BOOST_TEST(console.row(37).find("[ Finish ]") != std::string::npos, console.screen());
  console.resize(80, 24);
  BOOST_TEST(console.wait_for("[ Finish ]"));
  BOOST_TEST(console.row(21).find("[ Finish ]") != std::string::npos, console.screen());
}

BOOST_FIXTURE_TEST_CASE(ctrl_c_in_a_wizard_ends_the_console_and_restores_the_terminal, kms_console) {
  open_at_login("B", "Back Up Database");
  console.keys({"C-c"});
  const auto status = console.wait_exit();
  BOOST_TEST((status == std::optional<int>(6)), "exit status " << status.value_or(-1) << ", screen:\n" << console.screen());
  BOOST_TEST(console.terminal_restored(), console.screen());
}

// The attack of a second process on a console left on a wizard page: the Export Filename page
// once read every file of KMSData, kms.db included, and the close dropped the console's SQLite
// locks; another process then checkpointed and deleted the WAL under it, writes were lost and
// the same users could be exported twice.
BOOST_FIXTURE_TEST_CASE(a_console_on_the_export_wizard_keeps_its_database_locks_while_another_process_writes,
                        kms_console) {
  const auto enroll = [this](const std::string& alias) {
    const auto r = kms.run("enroll-users", login_as(), {"password"},
                           {"source.source=manual", "users.alias=" + alias, "users.email=" + alias + "@example.org"});
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.out + r.err);
  };
  enroll("alice");
  enroll("bob");
  kms_server destination{"tui-destination"};
  const fs::path destination_pem = kms.root() / "destination.pem";
  const std::string fingerprint = saved_certificate_fingerprint(destination, destination_pem);

  open_at_login("E", "Export Users");
  log_in("password");
  BOOST_REQUIRE_MESSAGE(console.wait_for("Encryption Certificate"), console.screen());
  const auto pid = console_pid(kms);
  BOOST_REQUIRE(pid.has_value());
  BOOST_TEST(arbor::testing::holds_posix_lock(*pid, kms.db()));
  console.type(destination_pem.string());
  console.keys({"Enter"});
  BOOST_REQUIRE_MESSAGE(console.wait_for("Certificate Thumbprint Verification"), console.screen());
  console.type(fingerprint);
  console.keys({"Enter"});
  BOOST_REQUIRE_MESSAGE(console.wait_for("Export Filename"), console.screen());
  BOOST_TEST(arbor::testing::holds_posix_lock(*pid, kms.db()), "the Export Filename page dropped the console's lock on kms.db");

  enroll("carol");  // another process writes while the console waits on the page
  BOOST_TEST(arbor::testing::holds_posix_lock(*pid, kms.db()));
  console.type("users.kmx");
  console.keys({"Enter"});
  BOOST_REQUIRE_MESSAGE(console.wait_for("User View Selection"), console.screen());
  enroll("dave");
  BOOST_TEST(arbor::testing::holds_posix_lock(*pid, kms.db()));
  console.keys({"Enter"});
  // The confirmation, scrolled to its field at 80x24 (the users without key history listed above it).
  BOOST_REQUIRE_MESSAGE(console.wait_for("Export these users and remove them"), console.screen());
  BOOST_TEST(console.screen().find("page 6 of 6") != std::string::npos);
  console.type("y");
  console.keys({"Enter"});
  BOOST_REQUIRE_MESSAGE(console.wait_for("Export Users: summary", std::chrono::seconds(60)), console.screen());
  BOOST_TEST(arbor::testing::holds_posix_lock(*pid, kms.db()));

  // Nothing written by the other process was lost, and the users left once.
  BOOST_TEST(kms.sql("SELECT count(*) FROM users;") == "0\n");
  BOOST_TEST(kms.sql("SELECT count(*) FROM audit_log WHERE event = 'users-enrolled';") == "4\n");
  BOOST_TEST(kms.sql("SELECT count(*) FROM audit_log WHERE event = 'users-exported';") == "1\n");
  const auto again = kms.run("export-users", login_as(), {"password"},
                             {"certificate.path=" + destination_pem.string(), "thumbprint.thumbprint=" + fingerprint,
                              "file.name=again.kmx", "users.scope=picked", "users.picked=alice,carol",
                              "confirm.confirm=yes"});
  BOOST_TEST(again.exit_code == 3, again.out + again.err);
  BOOST_TEST(!fs::exists(kms.data() / "again.kmx"));
  BOOST_TEST(kms.sql("PRAGMA integrity_check;") == "ok\n");
}

BOOST_AUTO_TEST_SUITE_END()
