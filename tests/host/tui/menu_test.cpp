#define BOOST_TEST_MODULE menu_test
#include <boost/test/unit_test.hpp>

#include "host/tui/menu.hpp"
#include "host/tui/sort_menu.hpp"

using namespace arbor;
using namespace arbor::host;
using namespace arbor::host::tui;
using arbor::host::sort_order;

namespace {

menu_entry entry(std::string id, std::string slot) { return menu_entry{id, "Label " + id, slot, "org.test", false, {}, {}}; }

node_menu sample() {
  node_menu m;
  m.all_tasks = {entry("enroll", "All Tasks"), entry("export", "All Tasks")};
  m.properties = {entry("general", "Properties")};
  return m;
}

}  // namespace

BOOST_AUTO_TEST_CASE(context_menu_groups_tasks_and_properties_under_headings) {
  const context_menu menu = make_context_menu("Keys", sample());
  const auto& lines = menu.model.lines();
  BOOST_TEST(lines.size() == 5u);
  BOOST_TEST(lines[0].label == "All Tasks");
  BOOST_TEST(lines[0].heading);
  BOOST_TEST(lines[3].label == "Properties");
  BOOST_TEST(lines[4].label == "  Label general");
  BOOST_TEST(menu.entries[lines[4].tag].action_id == "general");
}

BOOST_AUTO_TEST_CASE(selection_skips_headings) {
  context_menu menu = make_context_menu("Keys", sample());
  BOOST_TEST((menu.model.selected_line() == std::optional<std::size_t>(1)));
  menu.model.handle(press(key::down));
  menu.model.handle(press(key::down));
  BOOST_TEST((menu.model.selected_line() == std::optional<std::size_t>(4)));
  BOOST_TEST(menu.entries[*menu.model.selected_tag()].action_id == "general");
  menu.model.handle(press(key::down));  // stays on the last entry
  BOOST_TEST((menu.model.selected_line() == std::optional<std::size_t>(4)));
  menu.model.handle(press(key::home));
  BOOST_TEST((menu.model.selected_line() == std::optional<std::size_t>(1)));
}

BOOST_AUTO_TEST_CASE(enter_chooses_and_escape_closes) {
  context_menu menu = make_context_menu("Keys", sample());
  BOOST_TEST((menu.model.handle(press(key::enter)) == menu_action::chosen));
  BOOST_TEST((menu.model.handle(press(key::escape)) == menu_action::closed));
  BOOST_TEST((menu.model.handle(type(U'q')) == menu_action::closed));
}

BOOST_AUTO_TEST_CASE(a_slot_without_entries_gets_no_heading) {
  node_menu m;
  m.properties = {entry("general", "Properties")};
  const context_menu menu = make_context_menu("Keys", m);
  BOOST_TEST(menu.model.lines().size() == 2u);
  BOOST_TEST(menu.model.lines()[0].label == "Properties");
}

BOOST_AUTO_TEST_CASE(an_empty_menu_chooses_nothing) {
  context_menu menu = make_context_menu("Folder", node_menu{});
  BOOST_TEST(!menu.model.selected_tag().has_value());
  BOOST_TEST((menu.model.handle(press(key::enter)) == menu_action::none));
}

BOOST_AUTO_TEST_CASE(a_letter_selects_the_next_entry_starting_with_it) {
  menu_model menu("M", {{"  Back Up", false, 0}, {"  Restore", false, 1}, {"Other", true, 0}, {"  backup again", false, 2}});
  menu.handle(type(U'b'));
  BOOST_TEST((menu.selected_tag() == std::optional<std::size_t>(2)));
  menu.handle(type(U'B'));  // wraps around
  BOOST_TEST((menu.selected_tag() == std::optional<std::size_t>(0)));
  menu.handle(type(U'x'));  // no entry: nothing moves
  BOOST_TEST((menu.selected_tag() == std::optional<std::size_t>(0)));
  BOOST_TEST((menu.handle(type(U'q')) == menu_action::closed));
}

BOOST_AUTO_TEST_CASE(the_sort_menu_lists_each_tables_columns_and_reverses_the_sorted_one) {
  const sdk::details_view view{{}, {sdk::table{"Users", {{"user", "User"}, {"mail", "E-mail"}}, {}, 0},
                                    sdk::table{"Pending", {{"serial", "Serial"}}, {}, 0}}};
  const sort_menu fresh = make_sort_menu(view, std::nullopt);
  BOOST_TEST(fresh.model.lines().size() == 5u);
  BOOST_TEST(fresh.model.lines()[0].label == "Users");
  BOOST_TEST(fresh.model.lines()[0].heading);
  BOOST_TEST((fresh.choices[*fresh.model.selected_tag()] == sort_order{0, 0, false}));

  const sort_menu sorted = make_sort_menu(view, sort_order{1, 0, false});
  BOOST_TEST(sorted.model.lines()[0].label == "The plugin's order");
  BOOST_TEST(!sorted.choices[sorted.model.lines()[0].tag]);
  // The sorted column is selected and choosing it again sorts the other way round.
  BOOST_TEST(sorted.model.lines()[*sorted.model.selected_line()].label.find("Serial  (ascending now") == 2u);
  BOOST_TEST((sorted.choices[*sorted.model.selected_tag()] == sort_order{1, 0, true}));
}
