#define BOOST_TEST_MODULE option_list_test
#include <boost/test/unit_test.hpp>

#include "host/tui/option_list.hpp"

#include <string>
#include <vector>

using namespace arbor::host::tui;

namespace {

const std::vector<std::string> people = {"Aaron", "Alice", "Bob", "Khalil", "Malik", "Natalie", "Rosalie", "Zoe"};

void type_text(option_list& list, std::u32string_view text) {
  for (char32_t c : text) BOOST_TEST_REQUIRE((list.handle(type(c)) == list_key::used));
}

/// The values of the options shown, in order.
std::vector<std::string> shown_values(const option_list& list) {
  std::vector<std::string> values;
  for (std::size_t i : list.shown()) values.push_back(list.options()[i]);
  return values;
}

std::string highlighted_value(const option_list& list) { return list.options()[list.shown()[*list.highlighted_row()]]; }

using names = std::vector<std::string>;

}  // namespace

BOOST_AUTO_TEST_CASE(a_search_shows_only_options_containing_it_ignoring_case) {
  option_list list(people, false);
  list.handle(type(U'/'));
  BOOST_TEST(list.typing());
  type_text(list, U"ALI");
  BOOST_TEST(shown_values(list) == (names{"Alice", "Khalil", "Malik", "Natalie", "Rosalie"}),
             boost::test_tools::per_element());
  BOOST_TEST(highlighted_value(list) == "Alice");  // the highlight moved to the first match
}

BOOST_AUTO_TEST_CASE(letters_do_not_search_until_slash_is_pressed) {
  option_list list(people, false);
  BOOST_TEST((list.handle(type(U'a')) == list_key::unused));
  BOOST_TEST(!list.filtered());
  BOOST_TEST(list.shown().size() == people.size());
}

BOOST_AUTO_TEST_CASE(space_under_a_search_checks_the_highlighted_match_and_answers_values_in_declared_order) {
  option_list list(people, false);
  list.handle(type(U'/'));
  type_text(list, U"lie");
  list.handle(press(key::down));  // Natalie -> Rosalie
  list.handle(type(U' '));
  list.handle(press(key::up));
  list.handle(type(U' '));
  BOOST_TEST(list.chosen() == (names{"Natalie", "Rosalie"}), boost::test_tools::per_element());
  BOOST_TEST(list.search().text() == "lie");  // Space checked, it did not type
}

BOOST_AUTO_TEST_CASE(checks_survive_a_new_search_and_clearing_it) {
  option_list list(people, false);
  list.handle(type(U'/'));
  type_text(list, U"bo");
  list.handle(type(U' '));  // Bob
  for (int i = 0; i < 2; ++i) list.handle(press(key::backspace));
  type_text(list, U"zo");
  list.handle(type(U' '));  // Zoe
  BOOST_TEST(list.chosen() == (names{"Bob", "Zoe"}), boost::test_tools::per_element());
  BOOST_TEST((list.handle(press(key::escape)) == list_key::used));
  BOOST_TEST(!list.filtered());
  BOOST_TEST(!list.typing());
  BOOST_TEST(list.shown().size() == people.size());
  BOOST_TEST(list.chosen() == (names{"Bob", "Zoe"}), boost::test_tools::per_element());
  BOOST_TEST(list.checked_count() == 2u);
}

BOOST_AUTO_TEST_CASE(emptying_the_search_shows_everything_and_backspace_again_stops_typing) {
  option_list list(people, false);
  list.handle(type(U'/'));
  type_text(list, U"k");
  BOOST_TEST(list.shown().size() == 2u);
  list.handle(press(key::backspace));
  BOOST_TEST(list.shown().size() == people.size());
  BOOST_TEST(list.typing());
  list.handle(press(key::backspace));
  BOOST_TEST(!list.typing());
}

BOOST_AUTO_TEST_CASE(enter_keeps_the_search_and_escape_then_clears_it) {
  option_list list(people, false);
  list.handle(type(U'/'));
  type_text(list, U"al");
  BOOST_TEST((list.handle(press(key::enter)) == list_key::used));
  BOOST_TEST(!list.typing());
  BOOST_TEST(list.filtered());
  BOOST_TEST((list.handle(type(U'x')) == list_key::unused));  // no longer typing
  BOOST_TEST((list.handle(press(key::escape)) == list_key::used));
  BOOST_TEST(!list.filtered());
  BOOST_TEST((list.handle(press(key::escape)) == list_key::unused));  // nothing left to clear: the page's Cancel
}

BOOST_AUTO_TEST_CASE(a_search_matching_nothing_shows_nothing_and_space_checks_nothing) {
  option_list list(people, false);
  list.handle(type(U'/'));
  type_text(list, U"qq");
  BOOST_TEST(list.shown().empty());
  BOOST_TEST(!list.highlighted_row().has_value());
  list.handle(type(U' '));
  BOOST_TEST(list.checked_count() == 0u);
  BOOST_TEST((list.handle(press(key::down)) == list_key::leave_down));
}

BOOST_AUTO_TEST_CASE(up_and_down_move_over_matches_and_leave_at_the_ends) {
  option_list list(people, false);
  list.handle(type(U'/'));
  type_text(list, U"ali");
  BOOST_TEST((list.handle(press(key::up)) == list_key::leave_up));
  for (int i = 0; i < 4; ++i) BOOST_TEST((list.handle(press(key::down)) == list_key::used));
  BOOST_TEST(highlighted_value(list) == "Rosalie");
  BOOST_TEST((list.handle(press(key::down)) == list_key::leave_down));
}

BOOST_AUTO_TEST_CASE(a_choice_keeps_exactly_one_option_under_a_search) {
  option_list list(people, true);
  list.check({"Bob"});
  BOOST_TEST(highlighted_value(list) == "Bob");
  list.handle(type(U'/'));
  type_text(list, U"zo");
  list.handle(type(U' '));
  list.handle(type(U' '));  // a radio list stays selected
  BOOST_TEST(list.chosen() == (names{"Zoe"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_window_scrolls_to_keep_the_highlight_inside) {
  std::vector<std::string> many;
  for (int i = 1; i <= 50; ++i) many.push_back("option-" + std::to_string(i));
  option_list list(many, false);
  list.set_rows(5);
  for (int i = 0; i < 49; ++i) {
    BOOST_TEST_REQUIRE((list.handle(press(key::down)) == list_key::used));
    const std::size_t row = *list.highlighted_row();
    BOOST_TEST_REQUIRE((row >= list.top() && row < list.top() + list.rows()));
  }
  BOOST_TEST(list.top() == 45u);
  for (int i = 0; i < 3; ++i) list.handle(press(key::up));
  BOOST_TEST(list.top() == 45u);  // the highlight is still inside: the window stays
  list.handle(type(U'/'));
  type_text(list, U"-1");  // option-1 and option-10..19: the highlighted option-47 is hidden
  BOOST_TEST(highlighted_value(list) == "option-1");
  BOOST_TEST(list.top() == 0u);
}

BOOST_AUTO_TEST_CASE(a_smaller_window_follows_the_highlight) {
  std::vector<std::string> many;
  for (int i = 1; i <= 30; ++i) many.push_back("o" + std::to_string(i));
  option_list list(many, false);
  list.check({"o25"});
  list.set_rows(4);
  BOOST_TEST(*list.highlighted_row() == 24u);
  BOOST_TEST(list.top() == 21u);
}
