#define BOOST_TEST_MODULE console_e2e_test
#include <boost/test/unit_test.hpp>

#include "tmux_console.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

// The real `arbor`, full screen in tmux, with the complete test plugin.
namespace {

namespace fs = std::filesystem;
using arbor::test::shell_quote;
using arbor::test::tmux_console;

struct tmux_missing {
  boost::test_tools::assertion_result operator()(boost::unit_test::test_unit_id) const {
    boost::test_tools::assertion_result available(arbor::test::tmux_available());
    available.message() << "tmux is not installed; the console's end-to-end tests need it (apt-get install tmux)";
    return available;
  }
};

/// A scratch directory for the data directory and the report file, removed afterwards.
struct scratch {
  fs::path dir;
  scratch() {
    static int counter = 0;
    dir = fs::temp_directory_path() / ("arbor-tui-e2e-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    fs::create_directories(dir);
  }
  ~scratch() {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
};

std::string arbor_command(const fs::path& data_dir) {
  return shell_quote(std::string(ARBOR_BINARY_DIR) + "/bin/arbor") +
         " --manifests " + shell_quote(ARBOR_FIXTURE_COMPLETE_DIR) + " --data-dir " + shell_quote(data_dir.string());
}

/// A console started and showing its tree.
struct console_fixture {
  scratch tmp;
  tmux_console console;
  explicit console_fixture(int rows = 40) : console(arbor_command(tmp.dir / "data"), 120, rows) {
    BOOST_REQUIRE_MESSAGE(console.wait_for("Console Root"), "the console did not start:\n" + console.screen());
  }

  /// Selects "Test Tools/Complete" from the start: Down to Test Tools, expand, Down.
  void select_complete() {
    console.keys({"Down", "Right"});
    BOOST_REQUIRE(console.wait_for("Complete"));
    console.keys({"Down"});
    BOOST_REQUIRE_MESSAGE(console.wait_for("Items  (rows 1-"), console.screen());
  }

  /// Opens "Exercise Every Field" from the context menu.
  void open_exercise() {
    select_complete();
    console.keys({"m"});
    BOOST_REQUIRE(console.wait_for("Exercise Every Field"));
    console.keys({"Enter"});
    BOOST_REQUIRE_MESSAGE(console.wait_for("page 1 of 4"), console.screen());
  }
};

struct small_console : console_fixture {
  small_console() : console_fixture(24) {}
};

}  // namespace

BOOST_AUTO_TEST_SUITE(console_e2e, *boost::unit_test::precondition(tmux_missing()))

BOOST_FIXTURE_TEST_CASE(console_opens_on_the_tree, console_fixture) {
  const std::string screen = console.screen();
  BOOST_TEST(screen.find("Test Tools") != std::string::npos);
  BOOST_TEST(screen.find("A folder. It contains:") != std::string::npos);
  console.keys({"p"});
  BOOST_TEST(console.wait_for("org.arbor.test.complete  [discovered]"));
}

BOOST_FIXTURE_TEST_CASE(selecting_a_node_shows_its_details, console_fixture) {
  select_complete();
  const std::string screen = console.screen();
  BOOST_TEST(screen.find("! This is a test plugin") != std::string::npos);
  BOOST_TEST(screen.find("item-25") != std::string::npos);
  BOOST_TEST(screen.find("Settings  (rows 1-2 of 2)") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(page_down_fetches_the_next_rows, small_console) {
  select_complete();
  BOOST_TEST(console.screen().find("item-12 ") == std::string::npos);
  console.keys({"NPage"});
  BOOST_TEST_REQUIRE(console.wait_gone("item-1 "));
  BOOST_TEST(console.screen().find("of 25)") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(the_menu_lists_tasks_and_properties, console_fixture) {
  select_complete();
  console.keys({"m"});
  BOOST_TEST_REQUIRE(console.wait_for("Exercise Every Field"));
  const std::string screen = console.screen();
  BOOST_TEST(screen.find("All Tasks") != std::string::npos);
  BOOST_TEST(screen.find("Properties") != std::string::npos);
  BOOST_TEST(screen.find("General") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(a_wizard_completes_with_a_masked_secret_and_shows_its_summary, console_fixture) {
  const std::string secret = "Hunter2-Secret";
  const fs::path report = tmp.dir / "report.txt";
  open_exercise();
  console.type("Ada Lovelace");
  console.keys({"Tab"});
  console.type(report.string());
  console.keys({"Tab"});
  console.type(secret);
  BOOST_TEST_REQUIRE(console.wait_for("[" + std::string(secret.size(), '*') + " "));
  console.keys({"Enter"});
  BOOST_TEST_REQUIRE(console.wait_for("page 2 of 4"));
  console.keys({"Enter"});
  BOOST_TEST_REQUIRE(console.wait_for("page 4 of 4"));  // the advanced page does not apply
  BOOST_TEST(console.screen().find("Password: given") != std::string::npos);
  console.keys({"y", "Enter"});
  BOOST_TEST_REQUIRE(console.wait_for("Exercise complete"), console.screen());
  const std::string summary = console.screen();
  BOOST_TEST(summary.find("Ada Lovelace") != std::string::npos);
  BOOST_TEST(summary.find("(given)") != std::string::npos);
  BOOST_TEST(fs::exists(report));
  console.keys({"Enter"});
  BOOST_TEST(console.wait_for("Exercise Every Field completed."));
  BOOST_TEST(!console.seen_anywhere(secret));
}

BOOST_FIXTURE_TEST_CASE(a_refused_page_is_shown_again_with_the_reason, console_fixture) {
  open_exercise();
  console.type("nobody");
  console.keys({"Tab"});
  console.type((tmp.dir / "r.txt").string());
  console.keys({"Tab"});
  console.type("pw12");
  console.keys({"Enter"});
  BOOST_TEST(console.wait_for("The name \"nobody\" is reserved"));
  BOOST_TEST(console.screen().find("page 1 of 4") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(escape_cancels_the_wizard, console_fixture) {
  open_exercise();
  console.type("Ada");
  console.keys({"Escape"});
  BOOST_TEST(console.wait_for("The wizard was cancelled; nothing was changed."));
  console.keys({"q"});
  const auto status = console.wait_exit();
  BOOST_TEST((status == std::optional<int>(0)), "exit status " << status.value_or(-1) << ", screen:\n" << console.screen());
}

BOOST_FIXTURE_TEST_CASE(ctrl_c_ends_the_console_as_cancelled, console_fixture) {
  console.keys({"C-c"});
  const auto status = console.wait_exit();
  BOOST_TEST((status == std::optional<int>(6)), "exit status " << status.value_or(-1) << ", screen:\n" << console.screen());
}

BOOST_AUTO_TEST_SUITE_END()
