#define BOOST_TEST_MODULE console_live_pages_test
// Live pages (SDK 1.2) in the real console on real Key Managers, at 80x24 and 120x40: the Import
// File page lists a real export in KMSData with its source's short code (and a hostile file
// name escaped), Tab completes the file name, and the Export Users pattern shows its matches
// while it is typed.
#include <boost/test/unit_test.hpp>

#include "kms_console_at.hpp"
#include "tmux_required.hpp"

#include <filesystem>
#include <fstream>

namespace {

namespace fs = std::filesystem;
using arbor::test::kms_console_at;
using arbor::test::kms_server;
using arbor::test::login_as;
using arbor::test::on_each_size;
using arbor::test::saved_certificate_fingerprint;
using arbor::test::tmux_console;

/// Server A with alice, alina and bob; server B, whose certificate A exported bob to; the export
/// moved into B's KMSData as users.kmx, as its operator would.
struct two_servers {
  kms_server a{"live-a"};
  kms_server b{"live-b"};
  fs::path b_pem = a.root() / "b.pem";
  std::string b_fingerprint;
  std::string a_code;  // A's short code, as its Save the KMS Certificate shows it

  two_servers() {
    for (const char* alias : {"alice", "alina", "bob"}) {
      const auto r = a.run("enroll-users", login_as(), {"password"},
                           {"source.source=manual", std::string("users.alias=") + alias,
                            std::string("users.email=") + alias + "@example.org"});
      BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.out + r.err);
    }
    const auto saved_a = a.run("save-kms-certificate", login_as(), {"password"},
                               {"file.path=" + (a.root() / "a.pem").string()});
    BOOST_REQUIRE_MESSAGE(saved_a.exit_code == 0, saved_a.out + saved_a.err);
    a_code = kms_server::item(saved_a, "short_code");
    b_fingerprint = saved_certificate_fingerprint(b, b_pem);
  }

  void export_bob_to_b() {
    const auto exported = a.run("export-users", login_as(), {"password"},
                                {"certificate.path=" + b_pem.string(), "thumbprint.thumbprint=" + b_fingerprint,
                                 "file.name=bob.kmx", "users.scope=picked", "users.picked=bob", "confirm.confirm=yes"});
    BOOST_REQUIRE_MESSAGE(exported.exit_code == 0, exported.out + exported.err);
    fs::copy_file(a.data() / "bob.kmx", b.data() / "users.kmx");
    fs::permissions(b.data() / "users.kmx", fs::perms::owner_read | fs::perms::owner_write);
  }
};

/// Esc past the first page, then Yes to discarding the answers.
void cancel_past_first_page(tmux_console& console) {
  console.keys({"Escape"});
  BOOST_TEST_REQUIRE(console.wait_for("discard the answers"), console.screen());
  console.type("y");
  BOOST_TEST(console.wait_for("The wizard was cancelled"), console.screen());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(console_live_pages, *boost::unit_test::precondition(arbor::test::tmux_required()))

BOOST_FIXTURE_TEST_CASE(the_import_file_page_lists_the_export_with_its_source_code_and_tab_completes_it, two_servers) {
  export_bob_to_b();
  std::ofstream(b.data() / "evil\x1b[2J.kmx") << "x";  // a hostile name: shown escaped, never offered
  on_each_size(b, [&](kms_console_at& at) {
    tmux_console& console = at.console;
    at.open_task_logged_in("I", "Import Users");
    BOOST_REQUIRE_MESSAGE(console.wait_for("Import File", std::chrono::seconds(30)), console.screen());
    BOOST_REQUIRE_MESSAGE(console.wait_for("source " + a_code), console.screen());
    const std::string page = console.screen();
    BOOST_TEST(page.find("users.kmx") != std::string::npos, page);
    BOOST_TEST(page.find("evil?[2J.kmx") != std::string::npos, page);
    BOOST_TEST(page.find("cannot be imported") != std::string::npos, page);

    console.type("us");
    console.keys({"Tab"});  // the one suggestion starting with "us"
    BOOST_TEST_REQUIRE(console.wait_for("[users.kmx"), console.screen());
    console.keys({"Enter"});
    BOOST_TEST_REQUIRE(console.wait_for("Source Verification", std::chrono::seconds(30)), console.screen());
    cancel_past_first_page(console);  // past page 1 the console asks before discarding
  });
}

BOOST_FIXTURE_TEST_CASE(tab_on_a_path_lists_the_matches_when_they_differ, two_servers) {
  std::ofstream(a.root() / "report-march.pem") << "x";
  std::ofstream(a.root() / "report-april.pem") << "x";
  on_each_size(a, [&](kms_console_at& at) {
    tmux_console& console = at.console;
    at.open_task_logged_in("E", "Export Users");
    BOOST_REQUIRE_MESSAGE(console.wait_for("Encryption Certificate"), console.screen());
    console.type((a.root() / "rep").string());
    console.keys({"Tab"});  // completes the shared "report-"
    BOOST_TEST_REQUIRE(console.wait_for("report-"), console.screen());
    console.keys({"Tab"});  // lists both
    BOOST_TEST_REQUIRE(console.wait_for("2 matches"), console.screen());
    BOOST_TEST(console.wait_for("report-april.pem"), console.screen());
    BOOST_TEST(console.screen().find("report-march.pem") != std::string::npos, console.screen());
    console.type("m");
    console.keys({"Tab"});
    BOOST_TEST(console.wait_gone("2 matches"), console.screen());
    BOOST_TEST(console.screen().find("/report-march.pem ") != std::string::npos, console.screen());
    cancel_past_first_page(console);  // past page 1 the console asks before discarding
  });
}

BOOST_FIXTURE_TEST_CASE(typing_a_pattern_updates_the_count_of_matching_users, two_servers) {
  on_each_size(a, [&](kms_console_at& at) {
    tmux_console& console = at.console;
    at.open_task_logged_in("E", "Export Users");
    at.export_to_user_view(b_pem, b_fingerprint, "users.kmx");
    console.keys({"Down", "Down", "Space", "Tab", "Tab"});  // scope "pattern", then the Pattern field
    console.type("al*");
    BOOST_TEST_REQUIRE(console.wait_for("matches 2 users"), console.screen());
    BOOST_TEST(console.screen().find("alina") != std::string::npos, console.screen());
    console.type("e");
    BOOST_TEST_REQUIRE(console.wait_for("matches 1 user:"), console.screen());
    BOOST_TEST(console.screen().find("[al*e") != std::string::npos, console.screen());  // what was typed stays
    console.keys({"BSpace", "BSpace", "BSpace", "BSpace"});
    console.type("x*");
    BOOST_TEST_REQUIRE(console.wait_for("matches 0 users"), console.screen());
    cancel_past_first_page(console);  // past page 1 the console asks before discarding
  });
}

BOOST_FIXTURE_TEST_CASE(revoke_certificates_counts_the_aliases_its_pattern_matches_while_it_is_typed, two_servers) {
  on_each_size(a, [&](kms_console_at& at) {
    tmux_console& console = at.console;
    at.open_task_logged_in("RRR", "Revoke Certificates");  // after Recover Keys and Redeem Recovery Token
    BOOST_REQUIRE_MESSAGE(console.wait_for("Or aliases matching"), console.screen());
    console.keys({"Tab"});  // past the Users list to the pattern
    console.type("b*");
    BOOST_TEST_REQUIRE(console.wait_for("The pattern 'b*' matches 1 user:"), console.screen());
    console.keys({"BSpace", "BSpace"});
    console.type("*");
    BOOST_TEST_REQUIRE(console.wait_for("The pattern '*' matches 3 users:"), console.screen());
    cancel_past_first_page(console);  // past page 1 the console asks before discarding
  });
}

BOOST_AUTO_TEST_SUITE_END()
