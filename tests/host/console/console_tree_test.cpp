#define BOOST_TEST_MODULE console_tree
#include <boost/test/unit_test.hpp>

#include "host/console/console_tree.hpp"
#include "host/console/tree_path.hpp"

using namespace arbor::host;

namespace {

manifest make_manifest(std::string id, std::vector<node_decl> nodes) {
  manifest m;
  m.id = std::move(id);
  m.nodes = std::move(nodes);
  return m;
}

}  // namespace

BOOST_AUTO_TEST_CASE(root_is_console_root_with_no_type) {
  const console_tree tree({});
  BOOST_TEST(tree.root().name == "Console Root");
  BOOST_TEST(tree.root().is_folder());
  BOOST_TEST(tree.root().children.empty());
}

BOOST_AUTO_TEST_CASE(parents_implied_by_a_path_become_folders) {
  const manifest km = make_manifest("org.arbor.km", {{"Advanced Security/Key Manager", "km.root", {}}});
  const console_tree tree({&km});
  const tree_node* folder = tree.find("Advanced Security");
  BOOST_REQUIRE(folder);
  BOOST_TEST(folder->is_folder());
  BOOST_TEST(folder->plugin_id.empty());
  const tree_node* node = tree.find("Advanced Security/Key Manager");
  BOOST_REQUIRE(node);
  BOOST_TEST(node->type == "km.root");
  BOOST_TEST(node->plugin_id == "org.arbor.km");
  BOOST_TEST(node->parent == folder);
  BOOST_TEST(node->ref().path == "Advanced Security/Key Manager");
}

BOOST_AUTO_TEST_CASE(lookup_accepts_the_console_root_prefix) {
  const manifest m = make_manifest("a", {{"Tools/One", "t.one", {}}});
  const console_tree tree({&m});
  BOOST_TEST(tree.find("Console Root/Tools/One") == tree.find("Tools/One"));
  BOOST_TEST(tree.find("Console Root") == &tree.root());
  BOOST_TEST(tree.find("") == &tree.root());
}

BOOST_AUTO_TEST_CASE(lookup_is_case_sensitive) {
  const manifest m = make_manifest("a", {{"Tools/One", "t.one", {}}});
  const console_tree tree({&m});
  BOOST_TEST(!tree.find("tools/one"));
  BOOST_TEST(!tree.find("console root/Tools"));
}

BOOST_AUTO_TEST_CASE(odd_characters_in_names_are_kept) {
  const manifest m = make_manifest("a", {{"Tools/It's \"quoted\" and spaced/Ünïcødé ✓", "t.odd", {}}});
  const console_tree tree({&m});
  const tree_node* node = tree.find("Console Root/Tools/It's \"quoted\" and spaced/Ünïcødé ✓");
  BOOST_REQUIRE(node);
  BOOST_TEST(node->name == "Ünïcødé ✓");
}

BOOST_AUTO_TEST_CASE(a_folder_declared_later_as_a_node_takes_its_type) {
  const manifest a = make_manifest("a", {{"Tools/Child", "t.child", {}}});
  const manifest b = make_manifest("b", {{"Tools", "t.tools", {}}});
  const console_tree tree({&a, &b});
  const tree_node* tools = tree.find("Tools");
  BOOST_REQUIRE(tools);
  BOOST_TEST(tools->type == "t.tools");
  BOOST_TEST(tools->plugin_id == "b");
  BOOST_TEST(tools->children.size() == 1u);
}

BOOST_AUTO_TEST_CASE(the_first_declaration_of_a_path_keeps_it) {
  const manifest a = make_manifest("a", {{"Tools", "t.a", {}}});
  const manifest b = make_manifest("b", {{"Tools", "t.b", {}}});
  const console_tree tree({&a, &b});
  BOOST_TEST(tree.find("Tools")->plugin_id == "a");
  BOOST_TEST(tree.root().children.size() == 1u);
}

BOOST_AUTO_TEST_CASE(children_keep_declaration_order) {
  const manifest m = make_manifest("a", {{"Z", "t.z", {}}, {"A", "t.a", {}}, {"M", "t.m", {}}});
  const console_tree tree({&m});
  BOOST_REQUIRE(tree.root().children.size() == 3u);
  BOOST_TEST(tree.root().children[0]->name == "Z");
  BOOST_TEST(tree.root().children[2]->name == "M");
}

BOOST_AUTO_TEST_CASE(unknown_paths_are_not_found) {
  const manifest m = make_manifest("a", {{"Tools/One", "t.one", {}}});
  const console_tree tree({&m});
  BOOST_TEST(!tree.find("Tools/Two"));
  BOOST_TEST(!tree.find("Tools/One/Deeper"));
}

BOOST_AUTO_TEST_CASE(paths_split_on_slashes_and_ignore_empty_segments) {
  BOOST_TEST(split_path("Console Root/A//B/") == (std::vector<std::string>{"A", "B"}));
  BOOST_TEST(split_path("Console Rooted/A") == (std::vector<std::string>{"Console Rooted", "A"}));
  BOOST_TEST(display_path("A/B") == "Console Root/A/B");
  BOOST_TEST(display_path("") == "Console Root");
}
