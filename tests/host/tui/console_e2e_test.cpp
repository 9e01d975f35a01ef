#define BOOST_TEST_MODULE console_e2e_test
#include <boost/test/unit_test.hpp>

#include "tmux_console.hpp"
#include "tmux_required.hpp"

#include <unistd.h>

#include <csignal>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

// The real `arbor`, full screen in tmux, with the complete test plugin.
namespace {

namespace fs = std::filesystem;
using arbor::test::column_of;
using arbor::test::shell_quote;
using arbor::test::tmux_console;

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

/// `arbor` on the plugins of `manifests` (libraries beside them or in the fixtures' library
/// folder), `environment` set before it ("TERM=xterm-mono ").
std::string arbor_command(const fs::path& data_dir, const std::string& manifests = ARBOR_FIXTURE_COMPLETE_DIR,
                          const std::string& environment = "") {
  return environment + shell_quote(std::string(ARBOR_BINARY_DIR) + "/bin/arbor") + " --manifests " +
         shell_quote(manifests) + " --plugin-dir " + shell_quote(ARBOR_FIXTURE_LIB_DIR) + " --data-dir " +
         shell_quote(data_dir.string());
}

/// A folder of manifests holding only `name` from the fixtures' `set` (broken, crash).
fs::path manifests_with(const fs::path& scratch_dir, const std::string& set, const std::string& name) {
  const fs::path dir = scratch_dir / ("manifests-" + name);
  fs::create_directories(dir);
  fs::copy_file(fs::path(ARBOR_FIXTURE_MANIFESTS_DIR) / set / (name + ".json"), dir / (name + ".json"));
  return dir;
}

/// A console started and showing its tree.
struct console_fixture {
  scratch tmp;
  tmux_console console;
  explicit console_fixture(int rows = 40, const std::string& environment = "", int cols = 120)
      : console(arbor_command(tmp.dir / "data", ARBOR_FIXTURE_COMPLETE_DIR, environment), cols, rows) {
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

  /// Fills the Identity page (name, report file, password) and presses Enter.
  void answer_identity(const std::string& name, const fs::path& report, const std::string& password) {
    console.type(name);
    console.keys({"Tab"});
    console.type(report.string());
    console.keys({"Tab"});
    console.type(password);
    console.keys({"Enter"});
  }
};

struct small_console : console_fixture {
  small_console() : console_fixture(24) {}
};

struct console_80x24 : console_fixture {
  console_80x24() : console_fixture(24, "", 80) {}
};

struct mono_console : console_fixture {
  mono_console() : console_fixture(40, "TERM=xterm-mono ") {}
};

/// A console on one fixture plugin whose only node is Fixtures/`node`, that node selected.
struct fixture_console {
  scratch tmp;
  tmux_console console;
  fixture_console(const std::string& set, const std::string& manifest, const std::string& node)
      : console(arbor_command(tmp.dir / "data", manifests_with(tmp.dir, set, manifest).string()), 80, 24) {
    BOOST_REQUIRE_MESSAGE(console.wait_for("Console Root"), "the console did not start:\n" + console.screen());
    console.keys({"Down", "Right", "Down"});
    BOOST_REQUIRE(console.wait_for("Console Root/Fixtures/" + node));
  }

  /// Runs the fixture's Greet task up to its run().
  void greet() {
    console.keys({"m"});
    BOOST_REQUIRE(console.wait_for("Greet..."));
    console.keys({"Enter"});
    BOOST_REQUIRE(console.wait_for("Greet  -  page 1 of 1"));
    console.type("Ada");
    console.keys({"Enter"});
  }
};

/// True when `screen` (captured with attributes) sets a foreground colour anywhere.
bool has_foreground_colour(const std::string& screen) {
  static const std::regex colour("\x1b\\[([0-9]+;)*(3[0-7]|38;5;[0-9]+)(;[0-9]+)*m");
  return std::regex_search(screen, colour);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(console_e2e, *boost::unit_test::precondition(arbor::test::tmux_required()))

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
  BOOST_TEST(screen.find("Items  (rows 1-24 of 25)") != std::string::npos);  // as many as the pane holds
  BOOST_TEST(screen.find("item-24") != std::string::npos);
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

BOOST_FIXTURE_TEST_CASE(a_long_multi_select_is_searched_and_scrolled_and_answers_its_choices, console_80x24) {
  open_exercise();
  answer_identity("Ada", tmp.dir / "report.txt", "pw12");
  BOOST_TEST_REQUIRE(console.wait_for("page 2 of 4"));
  console.keys({"Tab", "Tab"});  // past Color and Extras to the 42 recipients
  BOOST_TEST_REQUIRE(console.wait_for("v 29 more below"), console.screen());
  BOOST_TEST(console.screen().find("> Send copies to") != std::string::npos);

  console.type("/ali");
  BOOST_TEST_REQUIRE(console.wait_for("7 of 42 match 'ali', 0 selected"), console.screen());
  BOOST_TEST(console.screen().find("Ben") == std::string::npos);
  console.keys({"Space", "Down", "Down", "Down", "Space"});  // Alice, then Malik
  BOOST_TEST_REQUIRE(console.wait_for("7 of 42 match 'ali', 2 selected"), console.screen());
  BOOST_TEST(console.screen().find("[x] Malik") != std::string::npos);

  console.keys({"Escape"});  // clears the search, keeps the checks, does not cancel
  BOOST_TEST_REQUIRE(console.wait_gone("Search:"), console.screen());
  std::string screen = console.screen();
  BOOST_TEST(screen.find("[x] Malik") != std::string::npos, screen);
  BOOST_TEST(screen.find("^ 12 more above") != std::string::npos, screen);

  for (int i = 0; i < 17; ++i) console.keys({"Down"});  // Malik to Zoe, the last: the list scrolls along
  console.keys({"Space"});
  BOOST_TEST_REQUIRE(console.wait_for("[x] Zoe"), console.screen());
  screen = console.screen();
  BOOST_TEST(screen.find("^ 29 more above") != std::string::npos, screen);
  BOOST_TEST(screen.find("more below") == std::string::npos, screen);

  console.keys({"Enter"});
  BOOST_TEST_REQUIRE(console.wait_for("page 4 of 4"), console.screen());
  BOOST_TEST(console.screen().find("Copies to: Alice, Malik, Zoe") != std::string::npos, console.screen());
  console.keys({"y", "Enter"});
  BOOST_TEST_REQUIRE(console.wait_for("Exercise complete"), console.screen());
  screen = console.screen();
  BOOST_TEST(std::regex_search(screen, std::regex("Copies to: +Alice, Malik, Zoe")), screen);
}

BOOST_FIXTURE_TEST_CASE(a_refused_page_is_shown_again_with_the_reason, console_fixture) {
  open_exercise();
  answer_identity("nobody", tmp.dir / "r.txt", "pw12");
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
  BOOST_TEST(console.terminal_restored(), console.screen());
}

BOOST_FIXTURE_TEST_CASE(quitting_restores_the_terminal, console_fixture) {
  console.keys({"q"});
  BOOST_TEST((console.wait_exit() == std::optional<int>(0)));
  BOOST_TEST(console.terminal_restored(), console.screen());
}

BOOST_FIXTURE_TEST_CASE(sorting_orders_every_row_not_just_the_page, small_console) {
  select_complete();
  console.keys({"s"});
  BOOST_TEST_REQUIRE(console.wait_for("Sort the details by"));
  console.keys({"Enter"});  // Name, the first column
  BOOST_TEST_REQUIRE(console.wait_for("sorted by Name, ascending"), console.screen());
  console.keys({"s"});
  BOOST_TEST_REQUIRE(console.wait_for("(ascending now; again: descending)"));
  console.keys({"Enter"});
  BOOST_TEST_REQUIRE(console.wait_for("All 25 rows of Items are sorted by Name, descending."), console.screen());
  const std::string border = "\u2502";
  for (int row = 1; row <= 20; ++row) {  // the closed menu left nothing beside the tree pane's border
    const std::string line = console.row(row);
    BOOST_TEST(column_of(line, border) == 40u);
    const std::size_t after = line.find(border) + border.size();
    BOOST_TEST((after >= line.size() || line[after] == ' '), line);
  }
  // The first page holds the largest names of all 25, not the first page's 8 reversed.
  std::string screen = console.screen();
  BOOST_TEST(screen.find("item-25 ") != std::string::npos, screen);
  BOOST_TEST(screen.find("item-8 ") == std::string::npos, screen);
  BOOST_TEST(screen.find("item-25 ") < screen.find("item-24 "));
  console.keys({"NPage"});
  BOOST_TEST_REQUIRE(console.wait_gone("item-25 "));
  screen = console.screen();
  BOOST_TEST(screen.find("item-17 ") < screen.find("item-16 "), screen);
  console.keys({"s"});
  BOOST_TEST_REQUIRE(console.wait_for("The plugin's order"));
  console.keys({"Home", "Enter"});
  BOOST_TEST(console.wait_for("The details are in the plugin's order again."));
  BOOST_TEST(console.screen().find("item-1 ") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(warnings_are_drawn_in_colour_when_the_terminal_has_it, console_fixture) {
  select_complete();
  const std::string screen = console.screen_with_attributes();
  BOOST_TEST(has_foreground_colour(screen), screen);
}

BOOST_FIXTURE_TEST_CASE(a_terminal_without_colour_gets_attributes_and_words, mono_console) {
  select_complete();
  const std::string screen = console.screen_with_attributes();
  BOOST_TEST(!has_foreground_colour(screen), screen);
  BOOST_TEST(screen.find("\x1b[7m") != std::string::npos);  // the selection in reverse video
  BOOST_TEST(console.screen().find("! This is a test plugin") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(plugin_failures_stay_on_the_status_line) {
  scratch tmp;
  tmux_console console(arbor_command(tmp.dir / "data", (fs::path(ARBOR_FIXTURE_MANIFESTS_DIR) / "broken").string()), 80, 24);
  BOOST_TEST_REQUIRE(console.wait_for("Console Root"));
  BOOST_TEST(console.row(-3).find("plugins failed to load or work: press p to see why.") != std::string::npos,
             console.screen());
  console.keys({"w"});
  BOOST_TEST(console.wait_for(" Warnings"));
  console.keys({"Escape", "p"});
  BOOST_TEST(console.wait_for("[failed]"));
}

BOOST_AUTO_TEST_CASE(a_task_that_throws_is_reported_and_the_console_goes_on) {
  fixture_console fixture("broken", "throws_in_calls", "Throws In Calls");
  fixture.greet();
  BOOST_TEST_REQUIRE(fixture.console.wait_for("Plugin failure"), fixture.console.screen());
  fixture.console.keys({"Enter"});
  BOOST_TEST(fixture.console.wait_gone("Plugin failure"));
  fixture.console.keys({"q"});
  BOOST_TEST((fixture.console.wait_exit() == std::optional<int>(0)), fixture.console.screen());
  BOOST_TEST(fixture.console.terminal_restored(), fixture.console.screen());
}

BOOST_AUTO_TEST_CASE(a_task_that_crashes_the_process_still_restores_the_terminal) {
  fixture_console fixture("crash", "aborts_in_task", "Aborts In Task");
  fixture.greet();
  const auto status = fixture.console.wait_exit();
  BOOST_TEST((status == std::optional<int>(128 + SIGABRT)), "exit status " << status.value_or(-1) << ", screen:\n"
                                                                            << fixture.console.screen());
  BOOST_TEST(fixture.console.terminal_restored(), fixture.console.screen());
}

BOOST_AUTO_TEST_SUITE_END()
