#define BOOST_TEST_MODULE title_bar_test
// The console's title bar names the data directory the console was started on, so two consoles
// (the demo's two Key Managers) are told apart: whole where it fits, its end where it does not.
#include <boost/test/unit_test.hpp>

#include "host/tui/text.hpp"
#include "host/tui/title_bar.hpp"

#include <filesystem>
#include <string>

using arbor::host::tui::columns;
using arbor::host::tui::title_text;

BOOST_AUTO_TEST_CASE(the_title_names_the_data_directory) {
  BOOST_TEST(title_text("/srv/kmsdata", 80) == " Arbor console - data directory /srv/kmsdata");
  BOOST_TEST(title_text("/srv/kmsdata-b", 120) == " Arbor console - data directory /srv/kmsdata-b");
}

BOOST_AUTO_TEST_CASE(a_long_directory_keeps_its_end_at_80_columns_and_shows_whole_at_120) {
  const std::string deep = "/home/operator/projects/arbor/checkouts/second-try/var/kmsdata-b";
  const std::string narrow = title_text(deep, 80);
  BOOST_TEST(columns(narrow) == 80u);
  BOOST_TEST(narrow.find(" - data directory ...") != std::string::npos);
  BOOST_TEST(narrow.ends_with("/second-try/var/kmsdata-b"));
  BOOST_TEST(title_text(deep, 120) == " Arbor console - data directory " + deep);
}

BOOST_AUTO_TEST_CASE(a_relative_directory_is_shown_absolute) {
  const std::string title = title_text("var/./kmsdata", 400);
  BOOST_TEST(title == " Arbor console - data directory " + (std::filesystem::current_path() / "var/kmsdata").string());
}

BOOST_AUTO_TEST_CASE(without_a_data_directory_the_title_says_where_plugins_keep_theirs) {
  BOOST_TEST(title_text("", 80) == " Arbor console - data directories under ./var (no --data-dir)");
}

BOOST_AUTO_TEST_CASE(control_characters_in_the_directory_reach_the_terminal_escaped) {
  const std::string title = title_text("/srv/\x1b[2Jevil\n", 80);
  BOOST_TEST(title.find('\x1b') == std::string::npos);
  BOOST_TEST(title.find('\n') == std::string::npos);
  BOOST_TEST(title.ends_with("/srv/?[2Jevil?"));
}

BOOST_AUTO_TEST_CASE(the_title_fits_the_narrowest_console) {
  BOOST_TEST(columns(title_text("/home/operator/projects/arbor/var/kmsdata", 40)) <= 40u);
  BOOST_TEST(columns(title_text("/srv/kmsdata", 30)) <= 30u);
  BOOST_TEST(columns(title_text("", 40)) <= 40u);
}
