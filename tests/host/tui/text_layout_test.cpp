#define BOOST_TEST_MODULE text_layout_test
#include <boost/test/unit_test.hpp>

#include "host/tui/plugin_lines.hpp"
#include "host/tui/progress_bar.hpp"
#include "host/tui/summary_lines.hpp"
#include "host/tui/table_format.hpp"
#include "host/tui/text.hpp"
#include "host/tui/viewport.hpp"

using namespace arbor;
using namespace arbor::host;
using namespace arbor::host::tui;

BOOST_AUTO_TEST_CASE(clip_never_cuts_a_character) {
  BOOST_TEST(clip("h\xC3\xA9llo", 2) == "h\xC3\xA9");
  BOOST_TEST(columns("h\xC3\xA9llo") == 5u);
  BOOST_TEST(fit("ab", 4) == "ab  ");
  BOOST_TEST(fit("abcdef", 3) == "abc");
}

BOOST_AUTO_TEST_CASE(printable_hides_control_characters) {
  BOOST_TEST(printable("a\nb\x1b[2Jc") == "a?b?[2Jc");
}

BOOST_AUTO_TEST_CASE(printable_hides_c1_and_bidi_controls_and_bytes_that_are_not_utf8) {
  // U+009B is CSI on terminals that obey C1 controls; U+202E reverses what follows.
  BOOST_TEST(printable("a\u009B2Jb\u0085c\u202Ed\u2066e\xff" "f\xC0\xAF" "g Z\u00fcrich") == "a?2Jb?c?d?e?f??g Z\u00fcrich");
}

BOOST_AUTO_TEST_CASE(encode_utf8_covers_every_length_and_replaces_invalid_points) {
  BOOST_TEST(encode_utf8(U'A') == "A");
  BOOST_TEST(encode_utf8(U'\u00e9') == "\xC3\xA9");
  BOOST_TEST(encode_utf8(U'\u20ac') == "\xE2\x82\xAC");
  BOOST_TEST(encode_utf8(U'\U0001F511') == "\xF0\x9F\x94\x91");
  BOOST_TEST(encode_utf8(static_cast<char32_t>(0xD800)) == "\xEF\xBF\xBD");
}

BOOST_AUTO_TEST_CASE(wrap_breaks_at_spaces_and_cuts_long_words) {
  BOOST_TEST(wrap("the quick brown fox", 10) == (std::vector<std::string>{"the quick", "brown fox"}),
             boost::test_tools::per_element());
  BOOST_TEST(wrap("abcdefghij", 4) == (std::vector<std::string>{"abcd", "efgh", "ij"}), boost::test_tools::per_element());
  BOOST_TEST(wrap("", 4) == std::vector<std::string>{""}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(tables_align_columns_and_fit_the_width) {
  const sdk::table t{"T", {{"a", "Name"}, {"b", "State"}}, {{"x", "ok"}, {"longer-name", "attention"}}, 2};
  const styled_lines wide = format_table(t, 30);
  BOOST_TEST(wide[0].text == "Name         State");
  BOOST_TEST((wide[0].style == style::heading));
  BOOST_TEST(wide[1].text == "x            ok");
  BOOST_TEST(wide[2].text == "longer-name  attention");
  const styled_lines narrow = format_table(t, 20);  // the widest column gives up two columns
  BOOST_TEST(narrow[0].text == "Name       State");
  BOOST_TEST(narrow[2].text == "longer-n\u2026  attention");
}

BOOST_AUTO_TEST_CASE(progress_bar_fills_in_proportion_and_admits_an_unknown_total) {
  BOOST_TEST(progress_bar(1, 4, 8) == "[##------]");
  BOOST_TEST(progress_bar(9, 4, 4) == "[####]");
  BOOST_TEST(progress_bar(3, 0, 4) == "[????]");
  BOOST_TEST(progress_count(3, 5) == "3/5");
  BOOST_TEST(progress_count(3, 0) == "3");
}

BOOST_AUTO_TEST_CASE(scrolling_keeps_the_selection_in_view) {
  BOOST_TEST(scroll_to_show(0, 3, 5, 20) == 0u);
  BOOST_TEST(scroll_to_show(0, 7, 5, 20) == 3u);
  BOOST_TEST(scroll_to_show(10, 4, 5, 20) == 4u);
  BOOST_TEST(scroll_to_show(18, 19, 5, 20) == 15u);  // the list shrank under the old position
  BOOST_TEST(scroll_to_show(3, 2, 5, 4) == 0u);
}

BOOST_AUTO_TEST_CASE(a_long_summary_value_is_wrapped_beside_its_label_not_cut) {
  const sdk::summary s{"Backed up", {{"note", "Note", "keep a copy of master.key apart from it", {}}}, std::nullopt};
  const styled_lines lines = summary_lines(s, 24);
  BOOST_REQUIRE(lines.size() == 5u);
  BOOST_TEST(lines[2].text == "Note: keep a copy of");
  BOOST_TEST(lines[3].text == "      master.key apart");
  BOOST_TEST(lines[4].text == "      from it");
}

BOOST_AUTO_TEST_CASE(summary_lines_show_items_details_and_the_table) {
  sdk::summary s{"Export complete", {{"users", "Users exported", "3", {"ada", "grace"}}}, std::nullopt};
  s.results = sdk::table{"Results", {{"u", "User"}}, {{"ada"}}, 1};
  const styled_lines lines = summary_lines(s, 60);
  BOOST_TEST(lines[0].text == "Export complete");
  BOOST_TEST((lines[0].style == style::success));
  BOOST_TEST(lines[2].text == "Users exported: 3");
  BOOST_TEST(lines[3].text == "    ada");
  BOOST_TEST(lines[6].text == "Results");
  BOOST_TEST(lines[8].text == "ada");
}

BOOST_AUTO_TEST_CASE(plugin_lines_give_a_failed_plugin_its_reason) {
  plugin_status ok;
  ok.id = "org.ok";
  ok.state = plugin_state::loaded;
  ok.manifest_file = "/m/ok.json";
  plugin_status bad;
  bad.id = "org.bad";
  bad.state = plugin_state::failed;
  bad.manifest_file = "/m/bad.json";
  bad.error = sdk::fail(sdk::reason::incompatible, "Built for API 2.0; this console offers 1.0.", "entry api_major=2");
  const std::vector<plugin_status> plugins{ok, bad};
  const styled_lines lines = plugin_lines(plugins, 80);
  BOOST_TEST(failed_count(plugins) == 1u);
  bool reason_shown = false;
  for (const styled_line& line : lines)
    reason_shown = reason_shown || (line.style == style::error && line.text.find("Built for API 2.0") != std::string::npos);
  BOOST_TEST(reason_shown);
  BOOST_TEST(lines[0].text.find("org.ok  [loaded]") == 0u);
}
