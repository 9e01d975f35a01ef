#define BOOST_TEST_MODULE details_model_test
#include <boost/test/unit_test.hpp>

#include "tui/details_model.hpp"
#include "tui/details_pane.hpp"

#include <algorithm>

using namespace arbor;
using namespace arbor::host::tui;

namespace {

/// A node with `total` rows in one table and a short second table; records each window asked.
struct fake_node {
  std::size_t total{100};
  std::vector<sdk::row_window> asked;

  details_model::fetcher fetcher() {
    return [this](sdk::row_window w) -> sdk::result<sdk::details_view> {
      asked.push_back(w);
      sdk::table big{"Users", {{"name", "Name"}}, {}, total};
      for (std::size_t i = w.first; i < std::min(total, w.first + w.max_rows); ++i)
        big.rows.push_back({"user-" + std::to_string(i + 1)});
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
  const styled_lines lines = details_lines(view, sdk::row_window{5, 1}, 80);
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
