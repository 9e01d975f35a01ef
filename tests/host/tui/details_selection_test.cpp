#define BOOST_TEST_MODULE details_selection
// Working in the details pane: the cursor and its page turns, rows selected by their key, the
// marks, selection and filter drawn into the pane's lines, the filter over the whole table, and
// a wizard's multi-select starting with the rows chosen.
#include <boost/test/unit_test.hpp>

#include "host/tui/details_cursor.hpp"
#include "host/tui/details_model.hpp"
#include "host/tui/details_pane.hpp"
#include "host/tui/page_form.hpp"

#include <string>
#include <variant>
#include <vector>

using namespace arbor;
using namespace arbor::host::tui;
using arbor::host::sort_order;

namespace {

sdk::table users() {
  return sdk::table{"Users", {{"user", "User"}, {"email", "E-mail"}},
                    {{"alice", "alice@example.org"}, {"bob", "bob@example.org"}, {"carol", "carol@example.org"}}, 3};
}

/// A node with `total` users named user-1, user-2, ...; one page at a time.
details_model::fetcher many_users(std::size_t total) {
  return [total](sdk::row_window w) -> sdk::result<sdk::details_view> {
    sdk::table t{"Users", {{"user", "User"}}, {}, total};
    for (std::size_t i = w.first; i < std::min(total, w.first + w.max_rows); ++i)
      t.rows.push_back({"user-" + std::to_string(i + 1)});
    return sdk::details_view{{}, {t}};
  };
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_cursor_stops_at_the_page_ends_and_says_how_far_it_went_past) {
  details_cursor cursor;
  BOOST_TEST(cursor.move(1, 3) == 0);
  BOOST_TEST(cursor.move(1, 3) == 0);
  BOOST_TEST(cursor.move(1, 3) == 1);  // past the last row: the caller turns the page
  BOOST_TEST(cursor.row() == 2u);
  BOOST_TEST(cursor.move(-5, 3) == -3);
  BOOST_TEST(cursor.row() == 0u);
  cursor.place(9, 4);
  BOOST_TEST(cursor.row() == 3u);
}

BOOST_AUTO_TEST_CASE(space_toggles_a_row_by_its_key_and_the_selection_keeps_its_order) {
  details_cursor cursor;
  BOOST_TEST(cursor.toggle("carol"));
  BOOST_TEST(cursor.toggle("alice"));
  BOOST_TEST(!cursor.toggle("carol"));
  BOOST_TEST(cursor.toggle("carol"));
  BOOST_TEST(cursor.selection() == (std::vector<std::string>{"alice", "carol"}), boost::test_tools::per_element());
  cursor.reset();
  BOOST_TEST(cursor.selection().empty());
}

BOOST_AUTO_TEST_CASE(columns_scroll_one_at_a_time_within_the_table) {
  details_cursor cursor;
  BOOST_TEST(!cursor.scroll_columns(-1, 6));
  BOOST_TEST(cursor.scroll_columns(1, 6));
  BOOST_TEST(cursor.first_column() == 1u);
  BOOST_TEST(cursor.scroll_columns(10, 6));
  BOOST_TEST(cursor.first_column() == 5u);
  BOOST_TEST(!cursor.scroll_columns(1, 6));
}

BOOST_AUTO_TEST_CASE(the_pane_marks_selected_rows_highlights_the_cursor_and_names_selection_and_filter) {
  details_marks marks;
  marks.cursor = 1;
  marks.key_column = 0;
  marks.selected = {"carol", "alice"};
  marks.filter = "o\x1b[2J";  // typed by the operator, shown printable
  const styled_lines lines = details_lines(sdk::details_view{{}, {users()}}, {}, std::nullopt, 60, marks);
  BOOST_TEST(lines[0].text == "Users  (rows 1-3 of 3, 2 selected, filter \"o?[2J\")");
  BOOST_TEST(lines[1].text == "  User   E-mail");
  BOOST_TEST(lines[2].text == "* alice  alice@example.org");
  BOOST_TEST((lines[2].style == style::normal));
  BOOST_TEST(lines[3].text.starts_with("  bob    bob@example.org"));
  BOOST_TEST((lines[3].style == style::selected));
  BOOST_TEST(lines[4].text == "* carol  carol@example.org");
}

BOOST_AUTO_TEST_CASE(a_table_whose_rows_cannot_be_selected_has_no_mark_column) {
  const styled_lines lines = details_lines(sdk::details_view{{}, {users()}}, {}, std::nullopt, 60, details_marks{});
  BOOST_TEST(lines[1].text == "User   E-mail");
}

BOOST_AUTO_TEST_CASE(the_filter_reaches_rows_on_every_page_and_clears) {
  details_model model;
  model.open(many_users(250), 10);
  BOOST_REQUIRE(model.filter_by(0, "USER-24").ok());  // user-24 and user-240..249, ignoring case
  BOOST_TEST(model.filter() == "USER-24");
  BOOST_TEST(model.view()->tables[0].total_rows == 11u);
  BOOST_TEST(model.view()->tables[0].rows.front()[0] == "user-24");
  BOOST_REQUIRE(model.filter_by(0, "").ok());
  BOOST_TEST(model.filter().empty());
  BOOST_TEST(model.view()->tables[0].total_rows == 250u);
}

BOOST_AUTO_TEST_CASE(a_filter_typed_key_by_key_reads_the_table_once_and_a_reload_reads_it_again) {
  // The plugin's rows are read in full only for the first key; each later key filters that copy
  // (a plugin fetch per key of a 10,000-row table would be 20 reads a key). A reload after a task
  // reads again, so rows a task added show in the filter typed next.
  std::size_t total = 1200;
  std::size_t whole_reads = 0;  // windows starting at row 0 of a full read's size
  details_model model;
  model.open(
      [&](sdk::row_window w) -> sdk::result<sdk::details_view> {
        if (w.first == 0 && w.max_rows > 100) ++whole_reads;
        return many_users(total)(w);
      },
      10);
  BOOST_REQUIRE(model.filter_by(0, "user-1").ok());
  const std::size_t after_first_key = whole_reads;
  BOOST_TEST(after_first_key == 1u);
  BOOST_REQUIRE(model.filter_by(0, "user-11").ok());
  BOOST_REQUIRE(model.filter_by(0, "user-118").ok());
  BOOST_TEST(whole_reads == after_first_key);
  BOOST_TEST(model.view()->tables[0].total_rows == 11u);  // user-118 and user-1180..1189
  total = 1250;  // a task added users
  BOOST_REQUIRE(model.reload().ok());
  BOOST_TEST(whole_reads == after_first_key + 1);
  BOOST_REQUIRE(model.filter_by(0, "user-1249").ok());
  BOOST_TEST(model.view()->tables[0].total_rows == 1u);
}

BOOST_AUTO_TEST_CASE(a_sort_keeps_the_filter_and_unsort_keeps_it_too) {
  details_model model;
  model.open(many_users(30), 40);
  BOOST_REQUIRE(model.filter_by(0, "user-2").ok());
  BOOST_REQUIRE(model.sort_by(sort_order{0, 0, true}).ok());
  BOOST_TEST(model.filter() == "user-2");
  BOOST_TEST(model.view()->tables[0].rows.front()[0] == "user-29");
  model.unsort();
  BOOST_TEST(model.filter() == "user-2");
  BOOST_TEST(model.view()->tables[0].rows.front()[0] == "user-2");
  BOOST_TEST(model.view()->tables[0].total_rows == 11u);
}

BOOST_AUTO_TEST_CASE(a_multi_select_starts_with_the_options_its_default_names) {
  sdk::field picked{"picked", "Picked users", sdk::field_kind::multi_select, false, {"alice", "bob", "carol"},
                    "carol,alice", {}};
  const sdk::page page{"users", "User View Selection", {}, {}, {picked}, false};
  page_form form(page, {}, false, false);
  const auto value = form.value(picked);
  BOOST_REQUIRE(value.has_value());
  BOOST_TEST(std::get<std::vector<std::string>>(*value) == (std::vector<std::string>{"alice", "carol"}),
             boost::test_tools::per_element());
}
