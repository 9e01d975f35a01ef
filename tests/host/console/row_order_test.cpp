#define BOOST_TEST_MODULE row_order_test
#include <boost/test/unit_test.hpp>

#include "host/console/row_order.hpp"

using namespace arbor::host;

BOOST_AUTO_TEST_CASE(numbers_inside_text_compare_by_value) {
  BOOST_TEST(natural_compare("item-9", "item-10") < 0);
  BOOST_TEST(natural_compare("10", "9") > 0);
  BOOST_TEST(natural_compare("007", "7") == 0);
  BOOST_TEST(natural_compare("v1.10", "v1.9") > 0);
}

BOOST_AUTO_TEST_CASE(letters_compare_without_regard_to_case) {
  BOOST_TEST(natural_compare("alice", "Bob") < 0);
  BOOST_TEST(natural_compare("ALICE", "alice") == 0);
  BOOST_TEST(natural_compare("al", "alice") < 0);
  BOOST_TEST(natural_compare("", "a") < 0);
}

BOOST_AUTO_TEST_CASE(sorting_is_stable_and_puts_missing_cells_first) {
  std::vector<std::vector<std::string>> rows{{"b", "1"}, {"a", "2"}, {"B", "3"}, {}};
  sort_rows(rows, 0, false);
  BOOST_TEST(rows[0].empty());
  BOOST_TEST(rows[1][1] == "2");
  BOOST_TEST(rows[2][1] == "1");  // "b" and "B" keep the plugin's order
  BOOST_TEST(rows[3][1] == "3");
  sort_rows(rows, 1, true);
  BOOST_TEST(rows[0][1] == "3");
  BOOST_TEST(rows[3].empty());
}
