#define BOOST_TEST_MODULE help_lines_test
// The help F1 shows, laid out without a terminal: what it is made of, and that no plugin text
// reaches the terminal raw.
#include <boost/test/unit_test.hpp>

#include "host/tui/help_lines.hpp"

#include <arbor/sdk/display_text.hpp>

#include <string>

using namespace arbor;
using host::tui::styled_lines;

namespace {

std::string joined(const styled_lines& lines) {
  std::string all;
  for (const auto& line : lines) all += line.text + "\n";
  return all;
}

bool has_no_control_characters(const styled_lines& lines) {
  for (const auto& line : lines)
    if (sdk::find_text_flaw(line.text)) return false;
  return true;
}

const std::string hostile = "evil \x1b]0;owned\x07 \xe2\x80\xae turned \x9b" "2J";

}  // namespace

BOOST_AUTO_TEST_CASE(field_help_shows_the_page_the_field_and_its_keys) {
  sdk::field field{"alias", "User alias", sdk::field_kind::text, true, {}, {}, "Up to 64 letters."};
  sdk::page page{"users", "Users", "Who to enroll.", {}, {field}, false};
  const std::string text = joined(host::tui::field_help(page, &field, 200));
  for (const char* expected : {"Users", "Who to enroll.", "User alias", "Up to 64 letters.", "Text, required.",
                               "'?' is typed as text here"})
    BOOST_TEST(text.find(expected) != std::string::npos, expected << " in\n" << text);
}

BOOST_AUTO_TEST_CASE(help_of_a_button_shows_the_page_and_the_button_keys) {
  sdk::page page{"confirm", "Ready", "Press Finish.", {}, {}, false};
  const std::string text = joined(host::tui::field_help(page, nullptr, 200));
  BOOST_TEST(text.find("Press Finish.") != std::string::npos);
  BOOST_TEST(text.find("Enter or Space presses one") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_node_without_help_text_says_so_and_lists_its_menu) {
  host::tree_node node;
  node.name = "Example";
  node.path = "Examples/Example";
  node.type = "example.root";
  node.plugin_id = "org.example";
  host::node_menu menu;
  menu.all_tasks.push_back({"greet", "Greet", "All Tasks", "org.example", false, {}, {}});
  const std::string text = joined(host::tui::node_help(node, menu, 60));
  BOOST_TEST(text.find("gives no help text") != std::string::npos, text);
  BOOST_TEST(text.find("All Tasks > Greet") != std::string::npos, text);
}

BOOST_AUTO_TEST_CASE(hostile_plugin_text_is_escaped_in_every_help) {
  sdk::field field{"f", hostile, sdk::field_kind::secret, false, {}, {}, hostile};
  sdk::page page{"p", hostile, hostile, {}, {field}, false};
  BOOST_TEST(has_no_control_characters(host::tui::field_help(page, &field, 40)));

  host::tree_node node;
  node.name = hostile;
  node.path = "A/" + hostile;
  node.type = "x";
  node.plugin_id = hostile;
  node.help = hostile;
  host::node_menu menu;
  menu.properties.push_back({"a", hostile, "Properties", "org.example", false, hostile, {}});
  BOOST_TEST(has_no_control_characters(host::tui::node_help(node, menu, 40)));
  BOOST_TEST(has_no_control_characters(host::tui::action_help(menu.properties.front(), 40)));
}
