#define BOOST_TEST_MODULE tree_view_test
#include <boost/test/unit_test.hpp>

#include "host/tui/tree_view.hpp"

namespace {

using namespace arbor::host;

// Console Root / Security / {Keys, Audit}, and Tools / Hello.
struct fixture {
  manifest m;
  console_tree tree;
  fixture() : m(make()), tree(std::vector<const manifest*>{&m}) {}
  static manifest make() {
    manifest m;
    m.id = "org.test";
    m.nodes = {{"Security/Keys", "keys", {}}, {"Security/Audit", "audit", {}}, {"Tools/Hello", "hello", {}}};
    return m;
  }
};

std::vector<std::string> names(const tui::tree_view& view) {
  std::vector<std::string> out;
  for (const auto& row : view.rows()) out.push_back(std::string(row.depth * 2, ' ') + row.node->name);
  return out;
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(starts_with_the_root_expanded_and_selected, fixture) {
  tui::tree_view view(tree.root());
  BOOST_TEST(view.selected().path == "");
  BOOST_TEST(names(view) == (std::vector<std::string>{"Console Root", "  Security", "  Tools"}),
             boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(expanding_shows_children_in_declaration_order, fixture) {
  tui::tree_view view(tree.root());
  view.move(1);
  BOOST_TEST(view.expand());
  BOOST_TEST(names(view) == (std::vector<std::string>{"Console Root", "  Security", "    Keys", "    Audit", "  Tools"}),
             boost::test_tools::per_element());
  BOOST_TEST(!view.expand());  // already expanded
}

BOOST_FIXTURE_TEST_CASE(a_leaf_cannot_be_expanded, fixture) {
  tui::tree_view view(tree.root());
  view.move(1);
  view.expand();
  view.move(1);
  BOOST_TEST(view.selected().path == "Security/Keys");
  BOOST_TEST(!view.expand());
}

BOOST_FIXTURE_TEST_CASE(moving_stops_at_the_first_and_last_row, fixture) {
  tui::tree_view view(tree.root());
  view.move(-5);
  BOOST_TEST(view.selected_row() == 0u);
  view.move(10);
  BOOST_TEST(view.selected().path == "Tools");
  BOOST_TEST(view.selected_row() == 2u);
}

BOOST_FIXTURE_TEST_CASE(collapse_on_a_leaf_selects_its_parent_then_collapses_it, fixture) {
  tui::tree_view view(tree.root());
  view.move(1);
  view.expand();
  view.move(2);
  BOOST_TEST(view.selected().path == "Security/Audit");
  view.collapse();
  BOOST_TEST(view.selected().path == "Security");
  view.collapse();
  BOOST_TEST(!view.is_expanded(view.selected()));
  BOOST_TEST(view.rows().size() == 3u);
}

BOOST_FIXTURE_TEST_CASE(collapsing_a_parent_keeps_the_selection_on_a_visible_row, fixture) {
  tui::tree_view view(tree.root());
  view.move(2);  // Tools
  view.expand();
  view.move(1);  // Tools/Hello
  view.move(-3);
  BOOST_TEST(view.selected().path == "");
  view.collapse();
  BOOST_TEST(view.rows().size() == 1u);
  BOOST_TEST(view.selected_row() == 0u);
}
