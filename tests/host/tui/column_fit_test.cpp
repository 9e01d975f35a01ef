#define BOOST_TEST_MODULE column_fit
// Fitting the details pane's columns into its width: the widest shrink first with an ellipsis,
// what still does not fit is hidden behind a marker, and scrolling brings it into view.
#include <boost/test/unit_test.hpp>

#include "host/tui/table_format.hpp"
#include "host/tui/text.hpp"

using namespace arbor;
using namespace arbor::host::tui;

namespace {

// The Key Manager's Users table; the widths are its details pane's at 80x24 and 120x40 (less the
// selection mark column).
constexpr std::size_t pane_80x24 = 49;
constexpr std::size_t pane_120x40 = 75;

sdk::table users() {
  return sdk::table{"Users",
                    {{"user", "User"}, {"name", "Name"}, {"email", "E-mail"}, {"state", "State"},
                     {"keys", "Keys in history"}, {"certificate", "Certificate status"}},
                    {{"alice", "Alice Liddell-Hargreaves", "alice.liddell@wonderland.example.org", "active", "1",
                      "valid until 2027-12-03"},
                     {"bob", "Bob", "bob@example.org", "active", "3", "revoked (re-enroll)"}},
                    2};
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_users_column_shows_at_120x40_the_widest_shrunk_with_an_ellipsis) {
  const column_fit fitted = fit_columns(users(), pane_120x40);
  BOOST_TEST(fitted.widths.size() == 6u);
  BOOST_TEST(fitted.marker.empty());
  const styled_lines lines = format_table(users(), pane_120x40);
  BOOST_TEST(lines[0].text.find("Certificate") != std::string::npos, lines[0].text);
  BOOST_TEST(columns(lines[0].text) <= pane_120x40);
  BOOST_TEST(lines[1].text.find("alice.liddell@\u2026") != std::string::npos, lines[1].text);  // the e-mail shrank
  BOOST_TEST(lines[1].text.find("alice  ") == 0u);  // the short columns kept their width
  BOOST_TEST(lines[2].text.find("  3  ") != std::string::npos, lines[2].text);
}

BOOST_AUTO_TEST_CASE(columns_that_cannot_fit_at_80x24_are_hidden_behind_a_marker) {
  const column_fit fitted = fit_columns(users(), pane_80x24);
  BOOST_TEST_REQUIRE(fitted.widths.size() < 6u);
  const std::size_t hidden = 6 - fitted.widths.size();
  BOOST_TEST(fitted.marker == std::to_string(hidden) + " more \u25B8");
  const styled_lines lines = format_table(users(), pane_80x24);
  for (const styled_line& line : lines) BOOST_TEST(columns(line.text) <= pane_80x24, line.text);
  BOOST_TEST(lines[0].text.ends_with(fitted.marker), lines[0].text);
  BOOST_TEST(lines[0].text.find("User") == 0u);
}

BOOST_AUTO_TEST_CASE(scrolling_right_shows_the_hidden_columns_and_counts_those_passed) {
  const column_fit fitted = fit_columns(users(), pane_80x24, 3);
  BOOST_TEST(fitted.first == 3u);
  BOOST_TEST(fitted.widths.size() == 3u);  // State, Keys in history, Certificate status
  BOOST_TEST(fitted.marker == "\u25C2 3 more");
  const styled_lines lines = format_table(users(), pane_80x24, 3);
  BOOST_TEST(lines[0].text.find("State") == 0u, lines[0].text);
  BOOST_TEST(lines[0].text.find("Certificate status") != std::string::npos, lines[0].text);
  BOOST_TEST(lines[2].text.find("revoked (re-enroll)") != std::string::npos, lines[2].text);
}

BOOST_AUTO_TEST_CASE(scrolling_past_the_last_column_stops_at_it) {
  const column_fit fitted = fit_columns(users(), pane_80x24, 99);
  BOOST_TEST(fitted.first == 5u);
  BOOST_TEST(fitted.widths.size() == 1u);
  BOOST_TEST(fitted.marker == "\u25C2 5 more");
}

BOOST_AUTO_TEST_CASE(a_lone_column_narrower_than_its_floor_is_cut_to_the_width) {
  const sdk::table one{"T", {{"a", "Description"}}, {{"a long description of something"}}, 1};
  const styled_lines lines = format_table(one, 6);
  BOOST_TEST(lines[1].text == "a lon\u2026");
  BOOST_TEST(lines[0].text == "Descr\u2026");
}

BOOST_AUTO_TEST_CASE(hostile_cells_are_made_printable_before_they_are_measured) {
  const sdk::table t{"T", {{"a", "Name"}, {"b", "State"}}, {{"\x1b]0;pwned\x07", "ok"}}, 1};
  const styled_lines lines = format_table(t, 40);
  BOOST_TEST(lines[1].text.find('\x1b') == std::string::npos);
  BOOST_TEST(lines[1].text == "?]0;pwned?  ok");
}
