#define BOOST_TEST_MODULE details_model_test
#include <boost/test/unit_test.hpp>

#include "host/tui/details_model.hpp"
#include "host/tui/details_pane.hpp"

#include <algorithm>

using namespace arbor;
using namespace arbor::host::tui;
using arbor::host::sort_order;

namespace {

/// A node with `total` rows in one table and a short second table; records each window asked.
/// The plugin's order is user-1, user-2, ... unless `shuffled`: then row i holds
/// user-((37 i) mod total + 1), every name once when total and 37 share no factor.
struct fake_node {
  std::size_t total{100};
  bool shuffled{false};
  std::vector<sdk::row_window> asked;

  details_model::fetcher fetcher() {
    return [this](sdk::row_window w) -> sdk::result<sdk::details_view> {
      asked.push_back(w);
      sdk::table big{"Users", {{"name", "Name"}}, {}, total};
      for (std::size_t i = w.first; i < std::min(total, w.first + w.max_rows); ++i)
        big.rows.push_back({"user-" + std::to_string((shuffled ? 37 * i % total : i) + 1)});
      sdk::table small{"Pending", {{"id", "Id"}}, {}, 2};
      if (w.first == 0) small.rows = {{"p1"}, {"p2"}};
      return sdk::details_view{{"A notice."}, {big, small}};
    };
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(opening_fetches_only_the_rows_that_fit) {
  fake_node node;
  details_model model;
  model.open(node.fetcher(), 30);
  BOOST_REQUIRE(model.view() != nullptr);
  // 30 lines - notice and blank (2) - two tables' titles, headings and blanks (6) = 22;
  // the short table needs 2, so the long one gets 20.
  BOOST_TEST(model.window().max_rows == 20u);
  BOOST_TEST(model.view()->tables[0].rows.size() == 20u);
  for (const sdk::row_window& w : node.asked) BOOST_TEST(w.max_rows <= 30u);
}

BOOST_AUTO_TEST_CASE(paging_moves_the_window_and_stops_at_the_ends) {
  fake_node node;
  node.total = 45;
  details_model model;
  model.open(node.fetcher(), 30);
  BOOST_TEST(!model.page_up());
  BOOST_TEST(model.page_down());
  BOOST_TEST(model.window().first == 20u);
  BOOST_TEST(model.view()->tables[0].rows.front()[0] == "user-21");
  BOOST_TEST(model.page_down());
  BOOST_TEST(model.window().first == 40u);
  const std::size_t fetches = node.asked.size();
  BOOST_TEST(!model.page_down());
  BOOST_TEST(node.asked.size() == fetches);  // nothing fetched past the end
  BOOST_TEST(model.page_up());
  BOOST_TEST(model.window().first == 20u);
}

BOOST_AUTO_TEST_CASE(a_failed_fetch_keeps_the_error) {
  details_model model;
  model.open([](sdk::row_window) -> sdk::result<sdk::details_view> {
    return sdk::fail(sdk::reason::internal, "The plugin threw.");
  }, 20);
  BOOST_TEST(model.view() == nullptr);
  BOOST_REQUIRE(model.error() != nullptr);
  BOOST_TEST(model.error()->message == "The plugin threw.");
  BOOST_TEST(!model.page_down());
}

BOOST_AUTO_TEST_CASE(closing_forgets_the_node) {
  fake_node node;
  details_model model;
  model.open(node.fetcher(), 20);
  model.close();
  BOOST_TEST(!model.is_open());
  BOOST_TEST(model.view() == nullptr);
}

BOOST_AUTO_TEST_CASE(a_taller_pane_fetches_more_rows) {
  fake_node node;
  details_model model;
  model.open(node.fetcher(), 20);
  const std::size_t before = model.window().max_rows;
  model.resize(40);
  BOOST_TEST(model.window().max_rows > before);
  BOOST_TEST(model.view()->tables[0].rows.size() == model.window().max_rows);
}

BOOST_AUTO_TEST_CASE(rows_per_page_is_at_least_one) {
  sdk::details_view view{{"n1", "n2"}, {sdk::table{}, sdk::table{}}};
  BOOST_TEST(details_model::rows_per_page(3, view) == 1u);
}

BOOST_AUTO_TEST_CASE(details_lines_put_notices_first_and_say_which_rows_are_shown) {
  sdk::table users{"Users", {{"name", "Name"}, {"mail", "E-mail"}}, {{"ada", "ada@example.org"}}, 12};
  const sdk::details_view view{{"Initial password in use."}, {users}};
  const styled_lines lines = details_lines(view, sdk::row_window{5, 1}, std::nullopt, 80);
  BOOST_REQUIRE(lines.size() >= 4u);
  BOOST_TEST(lines[0].text == "! Initial password in use.");
  BOOST_TEST((lines[0].style == style::notice));
  BOOST_TEST(lines[2].text == "Users  (rows 6-6 of 12)");
  BOOST_TEST(lines[3].text == "Name  E-mail");
  BOOST_TEST(lines[4].text == "ada   ada@example.org");
}

BOOST_AUTO_TEST_CASE(row_range_names_empty_and_passed_tables) {
  BOOST_TEST(row_range(sdk::table{}, {}) == "no rows");
  sdk::table passed{"P", {}, {}, 2};
  BOOST_TEST(row_range(passed, sdk::row_window{20, 10}) == "none on this page, 2 in all");
}

BOOST_AUTO_TEST_CASE(sorting_orders_the_whole_table_not_just_the_page) {
  fake_node node;
  node.shuffled = true;
  details_model model;
  model.open(node.fetcher(), 30);
  BOOST_REQUIRE(model.sort_by(sort_order{0, 0, true}).ok());
  // Sorting the page alone would start with the largest of its 20 names; the table's largest is user-100.
  BOOST_TEST(model.view()->tables[0].rows.front()[0] == "user-100");
  BOOST_TEST(model.view()->tables[0].rows.back()[0] == "user-81");
  BOOST_TEST(model.view()->tables[0].total_rows == 100u);
  BOOST_TEST(model.page_down());
  BOOST_TEST(model.view()->tables[0].rows.front()[0] == "user-80");
  BOOST_TEST(model.view()->tables[1].rows.empty());  // the other table pages as before
}

BOOST_AUTO_TEST_CASE(sorting_reads_the_table_in_bounded_chunks) {
  fake_node node;
  node.total = 1201;
  details_model model;
  model.open(node.fetcher(), 30);
  node.asked.clear();
  BOOST_REQUIRE(model.sort_by(sort_order{0, 0, false}).ok());
  for (const sdk::row_window& w : node.asked) BOOST_TEST(w.max_rows <= details_model::sort_chunk);
  BOOST_TEST(model.view()->tables[0].rows.front()[0] == "user-1");
  BOOST_TEST(model.view()->tables[0].rows[1][0] == "user-2");  // by number, not "user-10"
}

BOOST_AUTO_TEST_CASE(a_table_past_the_sort_limit_is_refused_and_stays_in_the_plugins_order) {
  fake_node node;
  node.total = details_model::sort_limit + 1;
  details_model model;
  model.open(node.fetcher(), 30);
  const auto sorted = model.sort_by(sort_order{0, 0, true});
  BOOST_REQUIRE(!sorted.ok());
  BOOST_TEST(sorted.error().message.find("10001 rows") != std::string::npos);
  BOOST_TEST(!model.sorting());
  BOOST_TEST(model.view()->tables[0].rows.front()[0] == "user-1");
}

BOOST_AUTO_TEST_CASE(reload_keeps_the_sort_and_unsort_restores_the_plugins_order) {
  fake_node node;
  node.shuffled = true;
  details_model model;
  model.open(node.fetcher(), 30);
  BOOST_REQUIRE(model.sort_by(sort_order{0, 0, false}).ok());
  node.total = 101;  // a task added a row
  BOOST_TEST(model.reload().ok());
  BOOST_TEST(model.view()->tables[0].total_rows == 101u);
  BOOST_TEST(model.view()->tables[0].rows.front()[0] == "user-1");
  model.unsort();
  BOOST_TEST(!model.sorting());
  BOOST_TEST(model.view()->tables[0].rows[1][0] == "user-38");
}

BOOST_AUTO_TEST_CASE(reload_drops_a_sort_the_table_has_outgrown) {
  fake_node node;
  details_model model;
  model.open(node.fetcher(), 30);
  BOOST_REQUIRE(model.sort_by(sort_order{0, 0, true}).ok());
  node.total = details_model::sort_limit + 5;
  BOOST_TEST(!model.reload().ok());
  BOOST_TEST(!model.sorting());
  BOOST_TEST(model.view()->tables[0].rows.front()[0] == "user-1");
}

BOOST_AUTO_TEST_CASE(a_sorted_table_says_so_in_its_title) {
  sdk::table users{"Users", {{"name", "Name"}, {"mail", "E-mail"}}, {{"ada", "ada@example.org"}}, 12};
  const styled_lines lines = details_lines(sdk::details_view{{}, {users}}, sdk::row_window{0, 1}, sort_order{0, 1, true}, 80);
  BOOST_TEST(lines[0].text == "Users  (rows 1-1 of 12, sorted by E-mail, descending)");
}
