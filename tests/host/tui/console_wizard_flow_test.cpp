#define BOOST_TEST_MODULE console_wizard_flow_test
// The real Key Manager's wizards in the real console through tmux, at 80x24 and at 120x40, as an
// operator walks them: Import Users asks a Yes/No (default No) naming what it will do and its
// button reads Finish exactly where Enter runs it; a refusal goes once a field changes; Esc
// past the first page asks before discarding; the export confirmation names the users without
// key history; fingerprints wrap between bytes; summary labels are whole; imported users with a
// revoked certificate say "re-enroll".
#include <boost/test/unit_test.hpp>

#include "import_kms.hpp"
#include "kms_console_at.hpp"
#include "tmux_required.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace {

namespace fs = std::filesystem;
using arbor::test::at_each_size;
using arbor::test::kms_console_at;
using arbor::test::kms_server;
using arbor::test::login_as;
using arbor::test::tmux_console;

std::vector<std::string> lines_of(const std::string& screen) {
  std::vector<std::string> lines;
  std::istringstream in(screen);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

/// The SHA-256 fingerprint as the page shows it, its pieces one per screen line.
std::vector<std::string> sha256_pieces(const std::string& screen, std::size_t length) {
  const auto lines = lines_of(screen);
  std::vector<std::string> pieces;
  std::size_t got = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto at = lines[i].find("SHA-256:");
    if (pieces.empty() && at == std::string::npos) continue;
    std::string piece = trimmed(pieces.empty() ? lines[i].substr(at + 8) : lines[i]);
    if (piece.empty() && pieces.empty()) {
      pieces.emplace_back();  // the label alone on its line
      continue;
    }
    pieces.push_back(piece);
    got += piece.size();
    if (got >= length) break;
  }
  if (!pieces.empty() && pieces.front().empty()) pieces.erase(pieces.begin());
  return pieces;
}

/// Polls the screen with its attributes until it holds `needle` (a key's effect is drawn a moment later).
bool shows_within(tmux_console& console, const std::string& needle) {
  for (int i = 0; i < 100; ++i) {
    if (console.screen_with_attributes().find(needle) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

/// Users as the source exported them: their certificates revoked there on the way out.
std::vector<arbor::km::transfer::user_record> exported_users() {
  std::vector<arbor::km::transfer::user_record> users{arbor::test::real_user("ada"), arbor::test::real_user("bob", 2)};
  for (auto& user : users)
    for (auto& key : user.keys) key.status = "revoked";
  return users;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(console_wizard_flow, *boost::unit_test::precondition(arbor::test::tmux_required()))

BOOST_AUTO_TEST_CASE(import_users_confirms_what_it_will_do_and_finish_reads_where_enter_runs_it) {
  at_each_size([&](int cols, int rows) {
    arbor::test::import_kms servers;
    servers.write_file("users.kmx", exported_users());
    const std::string fingerprint = arbor::test::openssl_fingerprint(servers.source_pem);
    kms_console_at at(servers.destination, cols, rows);
    tmux_console& console = at.console;
    at.open_task_logged_in("I", "Import Users");

    BOOST_REQUIRE_MESSAGE(console.wait_for("Import File"), console.screen());
    console.type("users.kmx");
    console.keys({"Enter"});
    BOOST_REQUIRE_MESSAGE(console.wait_for("Source Verification"), console.screen());
    // The exporting server's SHA-256 wraps only between bytes.
    const auto pieces = sha256_pieces(console.screen(), fingerprint.size());
    std::string joined;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
      joined += pieces[i];
      if (i + 1 < pieces.size()) BOOST_TEST(pieces[i].back() == ':', pieces[i]);
    }
    BOOST_TEST(joined == fingerprint, console.screen());
    BOOST_TEST((cols == 120 ? pieces.size() == 1u : pieces.size() > 1u));

    console.type(fingerprint);
    console.keys({"Enter"});
    BOOST_REQUIRE_MESSAGE(console.wait_for("Ready To Import", std::chrono::seconds(30)), console.screen());
    BOOST_TEST(console.screen().find("[ Next ]") != std::string::npos, console.screen());
    BOOST_TEST(console.screen().find("[ Finish ]") == std::string::npos);
    console.keys({"Enter"});  // Unknown Users does not apply: on to the confirmation, nothing imported

    BOOST_REQUIRE_MESSAGE(console.wait_for("Confirm the Import"), console.screen());
    std::string page = console.screen();
    BOOST_TEST(page.find("[ Finish ]") != std::string::npos, page);
    BOOST_TEST(page.find("( ) Yes   (*) No") != std::string::npos, page);
    BOOST_TEST(page.find("2 of the 2 users in users.kmx will be imported") != std::string::npos, page);
    BOOST_TEST(page.find("Exported by") != std::string::npos, page);
    BOOST_TEST(page.find("data directory") != std::string::npos, page);
    BOOST_TEST(servers.destination.sql("SELECT count(*) FROM users;") == "0\n");

    console.keys({"Enter"});  // Finish with the default No
    BOOST_REQUIRE_MESSAGE(console.wait_for("Nothing was imported"), console.screen());
    page = console.screen();
    BOOST_TEST(page.find("Page \"Confirm the Import\"") != std::string::npos, page);
    BOOST_TEST(page.find("\"confirm\"") == std::string::npos, page);
    BOOST_TEST(page.find("field '") == std::string::npos, page);
    BOOST_TEST(servers.destination.sql("SELECT count(*) FROM users;") == "0\n");
    console.type("y");  // the answer changes: the old refusal goes
    BOOST_TEST(console.wait_gone("Nothing was imported"), console.screen());
    BOOST_TEST(console.screen().find("(*) Yes   ( ) No") != std::string::npos);

    console.keys({"Escape"});  // past page 1: asks first, No by default
    BOOST_REQUIRE_MESSAGE(console.wait_for("discard the answers"), console.screen());
    console.keys({"Enter"});
    BOOST_TEST(console.wait_gone("discard the answers"));
    BOOST_TEST(console.screen().find("Confirm the Import") != std::string::npos);

    console.keys({"Enter"});
    BOOST_REQUIRE_MESSAGE(console.wait_for("Import Users: summary", std::chrono::seconds(60)), console.screen());
    const std::string summary = console.screen();
    // Labels longer than 31 characters, whole.
    BOOST_TEST(summary.find("Keys already here (not duplicated):") != std::string::npos, summary);
    BOOST_TEST(summary.find("Users merged into existing users:") != std::string::npos, summary);
    BOOST_TEST(summary.find("Users not imported (unknown):") != std::string::npos, summary);
    BOOST_TEST(servers.destination.sql("SELECT count(*) FROM users;") == "2\n");

    console.keys({"Enter"});
    BOOST_TEST(console.wait_for("re-enroll"), console.screen());
  });
}

BOOST_AUTO_TEST_CASE(the_export_confirmation_names_the_users_without_key_history_and_esc_asks_before_discarding) {
  at_each_size([&](int cols, int rows) {
    kms_server kms{"flow-export"};
    const fs::path csv = kms.root() / "users.csv";
    {
      std::ofstream out(csv);
      out << "alias,display name,email\n";
      for (int i = 1; i <= 22; ++i) out << "u" << (i < 10 ? "0" : "") << i << ",User " << i << ",u" << i << "@example.org\n";
    }
    const auto enrolled = kms.run("enroll-users", login_as(), {"password"}, {"source.source=csv", "users.csv=" + csv.string()});
    BOOST_REQUIRE_MESSAGE(enrolled.exit_code == 0, enrolled.out + enrolled.err);
    kms_server destination{"flow-destination"};
    const fs::path destination_pem = kms.root() / "destination.pem";
    arbor::test::import_kms::save_certificate(destination, destination_pem);
    const std::string fingerprint = arbor::test::openssl_fingerprint(destination_pem);

    kms_console_at at(kms, cols, rows);
    tmux_console& console = at.console;
    at.open_task_logged_in("E", "Export Users");
    at.export_to_user_view(destination_pem, fingerprint, "users.kmx");
    console.keys({"Enter"});
    // At 80x24 the page scrolls to its field: its title is above the screen.
    BOOST_REQUIRE_MESSAGE(console.wait_for("Export these users and remove them"), console.screen());
    const std::string page = console.screen();
    BOOST_TEST(page.find("22 of these users have no key history") != std::string::npos, page);
    BOOST_TEST(page.find("u01, u02") != std::string::npos, page);
    BOOST_TEST(page.find("u20, ... and 2 more") != std::string::npos, page);
    BOOST_TEST(page.find("u21") == std::string::npos, page);

    console.keys({"Escape"});
    BOOST_REQUIRE_MESSAGE(console.wait_for("discard the answers"), console.screen());
    console.type("y");
    BOOST_TEST(console.wait_for("The wizard was cancelled; nothing was changed."), console.screen());
    BOOST_TEST(kms.sql("SELECT count(*) FROM users;") == "22\n");
    BOOST_TEST(!fs::exists(kms.data() / "users.kmx"));
  });
}

BOOST_AUTO_TEST_CASE(esc_on_the_first_page_cancels_at_once_and_typing_on_a_button_reaches_the_field) {
  at_each_size([&](int cols, int rows) {
    kms_server kms{"flow-first"};
    kms_console_at at(kms, cols, rows);
    tmux_console& console = at.console;
    at.select_key_manager();
    at.open_task("B", "Back Up Database");
    BOOST_REQUIRE_MESSAGE(console.wait_for("Key Management Service Login"), console.screen());
    // From the administrator's name over the password to the buttons, then typed text.
    console.keys({"Tab", "Tab"});
    BOOST_TEST(shows_within(console, "\x1b[7m[ Finish ]"), console.screen_with_attributes());  // focused: reverse video
    console.type("secret");
    BOOST_TEST(console.wait_for("******"), console.screen());  // into the password field, masked
    BOOST_TEST(!console.seen_anywhere("secret"));
    console.keys({"Escape"});
    BOOST_TEST(console.wait_for("The wizard was cancelled; nothing was changed."), console.screen());
    BOOST_TEST(!console.seen_anywhere("discard the answers"));
  });
}

BOOST_AUTO_TEST_CASE(a_page_whose_later_pages_do_not_apply_is_shown_again_with_finish_and_logs_in_once) {
  at_each_size([&](int cols, int rows) {
    kms_server kms{"flow-tab"};
    kms_console_at at(kms, cols, rows);
    tmux_console& console = at.console;
    at.select_key_manager();
    at.open_task("P", "Passwords");  // a property sheet whose operation page is shown
    BOOST_TEST(console.screen().find("[ Next ]") != std::string::npos, console.screen());
    console.keys({"Enter"});  // view: no page of the sheet will apply
    BOOST_REQUIRE_MESSAGE(console.wait_for("Key Management Service Login"), console.screen());
    BOOST_TEST(console.screen().find("[ Next ]") != std::string::npos, console.screen());
    at.log_in();
    BOOST_REQUIRE_MESSAGE(console.wait_for("Finish runs the task"), console.screen());
    BOOST_TEST(console.screen().find("[ Finish ]") != std::string::npos, console.screen());
    BOOST_TEST(console.screen().find("Key Management Service Login") != std::string::npos);
    BOOST_TEST(kms.sql("SELECT count(*) FROM audit_log WHERE event = 'login' AND outcome = 'success';") == "1\n");
    console.keys({"Enter"});  // only now, on Finish, does the tab run: its values read-only
    BOOST_REQUIRE_MESSAGE(console.wait_for("Nothing on this tab can be changed here."), console.screen());
    BOOST_TEST(kms.sql("SELECT count(*) FROM audit_log WHERE event = 'login' AND outcome = 'success';") == "1\n");
  });
}

BOOST_AUTO_TEST_SUITE_END()
