#define BOOST_TEST_MODULE console_details_test
// The details pane of the real Key Manager in the real console, at 80x24 and 120x40: columns
// that fit with a marker for the hidden ones and scroll with Left/Right, the tree pane narrowed
// with <, the focus moved with Tab, rows selected with Space and filtered with /, and a task
// started from the context menu with users selected opening with them chosen.
#include <boost/test/unit_test.hpp>

#include "kms_console_at.hpp"
#include "tmux_required.hpp"

#include <filesystem>
#include <string>

namespace {

namespace fs = std::filesystem;
using arbor::test::column_of;
using arbor::test::kms_server;
using arbor::test::login_as;
using arbor::test::saved_certificate_fingerprint;
using arbor::test::tmux_console;

/// A Key Manager with three users whose names and e-mail addresses are long enough to crowd the
/// details pane.
struct three_users {
  kms_server kms{"details"};

  three_users() {
    for (const std::string alias : {"alice", "bob", "carol"}) {
      const auto r = kms.run("enroll-users", login_as(), {"password"},
                             {"source.source=manual", "users.alias=" + alias,
                              "users.display_name=" + alias + " Longname-Of-The-Family",
                              "users.email=" + alias + ".someone@department.example.org"});
      BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.out + r.err);
    }
  }
};

/// The console on `kms` at `cols` x `rows`, the Key Manager's details shown.
struct details_console : arbor::test::kms_console_at {
  details_console(const kms_server& kms, int cols, int rows) : kms_console_at(kms, cols, rows) { select_key_manager(); }

  /// The screen line holding the Users table's column headings.
  std::string users_heading() {
    const std::string screen = console.screen();
    const auto users = screen.find("Users  (");
    const auto start = screen.find('\n', users) + 1;
    return screen.substr(start, screen.find('\n', start) - start);
  }

  /// Tab to the details, then Space on the rows at the given cursor moves (Down presses before).
  void select_rows(std::initializer_list<int> downs_before) {
    console.keys({"Tab"});
    BOOST_REQUIRE_MESSAGE(console.wait_for("Space select"), console.screen());
    for (int downs : downs_before) {
      for (int i = 0; i < downs; ++i) console.keys({"Down"});
      console.keys({"Space"});
    }
  }
};

/// Focus, selection and filter, the same at every size.
void select_and_filter(details_console& c) {
  tmux_console& console = c.console;
  console.keys({"Tab"});
  BOOST_REQUIRE_MESSAGE(console.wait_for("> Console Root/Advanced Security/Key Manager"), console.screen());
  BOOST_TEST(console.row(-1).find("Space select") != std::string::npos, console.screen());

  console.keys({"Space"});
  BOOST_TEST_REQUIRE(console.wait_for("(rows 1-3 of 3, 1 selected)"), console.screen());
  BOOST_TEST(console.screen().find("* alice") != std::string::npos);
  BOOST_TEST(console.screen().find("* bob") == std::string::npos);

  console.type("/car");
  BOOST_TEST_REQUIRE(console.wait_for("(rows 1-1 of 1, 1 selected, filter \"car\")"), console.screen());
  BOOST_TEST(console.screen().find("alice Lo") == std::string::npos);
  BOOST_TEST(console.screen().find("Filter: car_") != std::string::npos);
  console.keys({"Enter"});
  BOOST_TEST_REQUIRE(console.wait_for("1 of the rows match \"car\"."), console.screen());
  console.keys({"Escape"});  // clears the filter; the selection stays
  BOOST_TEST_REQUIRE(console.wait_for("(rows 1-3 of 3, 1 selected)"), console.screen());
  console.keys({"Escape"});  // then the selection
  BOOST_TEST_REQUIRE(console.wait_for("(rows 1-3 of 3)"), console.screen());

  console.keys({"Tab"});
  BOOST_TEST_REQUIRE(console.wait_for("Tab details"), console.screen());
  BOOST_TEST(console.screen().find("> Console Root") == std::string::npos);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(console_details, *boost::unit_test::precondition(arbor::test::tmux_required()))

BOOST_FIXTURE_TEST_CASE(at_80x24_hidden_columns_show_a_marker_and_left_right_scroll_to_them, three_users) {
  details_console c(kms, 80, 24);
  const std::string heading = c.users_heading();
  BOOST_TEST(heading.find("2 more \u25B8") != std::string::npos, c.console.screen());
  BOOST_TEST(heading.find("Certific") == std::string::npos);
  c.console.keys({"Tab", "Right", "Right", "Right"});
  BOOST_TEST_REQUIRE(c.console.wait_for("\u25C2 3 more"), c.console.screen());
  BOOST_TEST(c.users_heading().find("Certific") != std::string::npos, c.console.screen());
  BOOST_TEST(c.console.screen().find("no key h") != std::string::npos);  // the certificate status of the rows
  c.console.keys({"Left", "Left", "Left"});
  BOOST_TEST_REQUIRE(c.console.wait_for("2 more \u25B8"), c.console.screen());
  BOOST_TEST(c.users_heading().find("User ") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(at_120x40_every_users_column_shows_and_the_tree_pane_narrows, three_users) {
  details_console c(kms, 120, 40);
  const std::string heading = c.users_heading();
  BOOST_TEST(heading.find("Certificate") != std::string::npos, c.console.screen());
  BOOST_TEST(heading.find("more") == std::string::npos);
  BOOST_TEST(column_of(c.console.row(1), "Console Root/Advanced Security") == 42u);
  c.console.type("<");
  BOOST_TEST_REQUIRE(c.console.wait_for("The tree pane is 36 columns wide"), c.console.screen());
  BOOST_TEST(column_of(c.console.row(1), "Console Root/Advanced Security") == 38u);
  c.console.type(">>");
  BOOST_TEST_REQUIRE(c.console.wait_for("The tree pane is 44 columns wide"), c.console.screen());
  BOOST_TEST(column_of(c.console.row(1), "Console Root/Advanced Security") == 46u);
}

BOOST_FIXTURE_TEST_CASE(at_80x24_tab_focuses_the_details_where_space_selects_and_slash_filters, three_users) {
  details_console c(kms, 80, 24);
  select_and_filter(c);
}

BOOST_FIXTURE_TEST_CASE(at_120x40_tab_focuses_the_details_where_space_selects_and_slash_filters, three_users) {
  details_console c(kms, 120, 40);
  select_and_filter(c);
}

BOOST_FIXTURE_TEST_CASE(at_80x24_export_users_from_a_selection_exports_those_users, three_users) {
  kms_server destination{"details-destination"};
  const fs::path destination_pem = kms.root() / "destination.pem";
  const std::string fingerprint = saved_certificate_fingerprint(destination, destination_pem);

  details_console c(kms, 80, 24);
  tmux_console& console = c.console;
  c.select_rows({0, 1});  // alice, then carol (Space moves the cursor on)
  BOOST_TEST_REQUIRE(console.wait_for("2 selected"), console.screen());
  console.keys({"Enter"});  // the context menu
  BOOST_TEST_REQUIRE(console.wait_for("Export Users  (2 selected)"), console.screen());
  BOOST_TEST(console.screen().find("Import Users  (") == std::string::npos);  // it takes no users
  console.type("E");
  console.keys({"Enter"});
  c.log_in();
  c.export_to_user_view(destination_pem, fingerprint, "selected.kmx");
  const std::string page = console.screen();
  BOOST_TEST(page.find("Chosen from the details pane: alice, carol.") != std::string::npos, page);
  BOOST_TEST(page.find("(*) picked") != std::string::npos, page);
  BOOST_TEST(page.find("[x] alice") != std::string::npos, page);
  BOOST_TEST(page.find("[ ] bob") != std::string::npos, page);
  BOOST_TEST(page.find("[x] carol") != std::string::npos, page);
  console.keys({"Enter"});
  BOOST_REQUIRE_MESSAGE(console.wait_for("2 users will be written"), console.screen());
  console.type("y");
  console.keys({"Enter"});
  BOOST_REQUIRE_MESSAGE(console.wait_for("Export Users: summary", std::chrono::seconds(60)), console.screen());
  BOOST_TEST(kms.sql("SELECT alias FROM users;") == "bob\n");
  console.keys({"Enter"});
  BOOST_TEST_REQUIRE(console.wait_for("Export Users completed."), console.screen());
  BOOST_TEST(console.screen().find("selected)") == std::string::npos);  // the task used the selection
}

BOOST_FIXTURE_TEST_CASE(at_120x40_a_selected_user_a_task_does_not_offer_is_named_and_not_chosen, three_users) {
  details_console c(kms, 120, 40);
  tmux_console& console = c.console;
  c.select_rows({1});  // bob, who has no keys in escrow yet, so Recover Keys does not offer him
  BOOST_TEST_REQUIRE(console.wait_for("1 selected"), console.screen());
  console.keys({"Enter"});
  BOOST_TEST_REQUIRE(console.wait_for("Recover Keys  (1 selected)"), console.screen());
  console.type("R");
  console.keys({"Enter"});
  c.log_in();
  BOOST_TEST_REQUIRE(console.wait_for("Selected but not offered here, so not chosen: bob."), console.screen());
  BOOST_TEST(console.screen().find("Chosen from the details pane") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
