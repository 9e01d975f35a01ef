#define BOOST_TEST_MODULE warning_board_test
#include <boost/test/unit_test.hpp>

#include "host/tui/warning_board.hpp"

using namespace arbor::host::tui;

BOOST_AUTO_TEST_CASE(no_warnings_leave_the_status_line_empty) {
  warning_board board;
  BOOST_TEST(board.all().empty());
  BOOST_TEST(board.status_line(80).empty());
}

BOOST_AUTO_TEST_CASE(plugin_failures_come_first_then_the_nodes_notices) {
  warning_board board;
  board.set_notices("Advanced Security/Key Manager", "Key Manager", {"The initial password is still in use."});
  board.set_failed_plugins(2);
  const auto all = board.all();
  BOOST_REQUIRE(all.size() == 2u);
  BOOST_TEST(all[0] == "2 plugins failed to load or work: press p to see why.");
  BOOST_TEST(all[1] == "Key Manager: The initial password is still in use.");
  BOOST_TEST(board.status_line(200) == "! 2 plugins failed to load or work: press p to see why.  (w: 1 more)");
}

BOOST_AUTO_TEST_CASE(notices_stay_until_the_node_shows_none) {
  warning_board board;
  board.set_notices("A/Key Manager", "Key Manager", {"The initial password is still in use."});
  BOOST_TEST(board.status_line(200) == "! Key Manager: The initial password is still in use.");
  board.set_notices("A/Key Manager", "Key Manager", {});
  BOOST_TEST(board.all().empty());
}

BOOST_AUTO_TEST_CASE(a_narrow_status_line_keeps_the_count_of_the_others) {
  warning_board board;
  board.set_notices("A", "A", {"first warning that is rather long", "second"});
  const std::string line = board.status_line(30);
  BOOST_TEST(line == "! A: first warnin  (w: 1 more)");
  BOOST_TEST(line.size() <= 30u);
}
