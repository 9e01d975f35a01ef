#define BOOST_TEST_MODULE menu_slots
#include <boost/test/unit_test.hpp>

#include "host/console/console_tree.hpp"
#include "host/console/menu_slots.hpp"

using namespace arbor::host;

namespace {

struct two_plugins {
  manifest owner;
  manifest extender;
  two_plugins() {
    owner.id = "org.owner";
    owner.nodes = {{"Tools/Owner", "owner.root", {}}};
    owner.actions = {{"enroll", "Enroll", "owner.root", slot_all_tasks, {}, {}},
                     {"general", "General", "owner.root", slot_properties, {}, {}}};
    extender.id = "org.extender";
    extender.nodes = {{"Tools/Extender", "ext.root", {}}};
    extender.actions = {{"audit", "Audit", "owner.root", slot_all_tasks, {}, {}},
                        {"general", "Extra", "owner.root", slot_properties, {}, {}},
                        {"own", "Own", "ext.root", slot_all_tasks, {}, {}}};
  }
  std::vector<const manifest*> all() const { return {&owner, &extender}; }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(menus, two_plugins)

BOOST_AUTO_TEST_CASE(menu_groups_actions_by_slot_in_manifest_order) {
  const console_tree tree(all());
  const menu_slots slots(all());
  const node_menu menu = slots.menu_for(*tree.find("Tools/Owner"));
  BOOST_REQUIRE(menu.all_tasks.size() == 2u);
  BOOST_TEST(menu.all_tasks[0].action_id == "enroll");
  BOOST_TEST(menu.all_tasks[1].action_id == "audit");
  BOOST_REQUIRE(menu.properties.size() == 2u);
  BOOST_TEST(menu.properties[0].label == "General");
}

BOOST_AUTO_TEST_CASE(extension_actions_name_their_own_plugin) {
  const console_tree tree(all());
  const menu_slots slots(all());
  const node_menu menu = slots.menu_for(*tree.find("Tools/Owner"));
  BOOST_TEST(!menu.all_tasks[0].extension);
  BOOST_TEST(menu.all_tasks[0].plugin_id == "org.owner");
  BOOST_TEST(menu.all_tasks[1].extension);
  BOOST_TEST(menu.all_tasks[1].plugin_id == "org.extender");
}

BOOST_AUTO_TEST_CASE(folders_have_no_menu) {
  const console_tree tree(all());
  const menu_slots slots(all());
  const node_menu menu = slots.menu_for(*tree.find("Tools"));
  BOOST_TEST(menu.all_tasks.empty());
  BOOST_TEST(menu.properties.empty());
}

BOOST_AUTO_TEST_CASE(find_by_id_returns_the_single_match) {
  const console_tree tree(all());
  const menu_slots slots(all());
  auto found = slots.find(*tree.find("Tools/Owner"), "audit");
  BOOST_REQUIRE(found.ok());
  BOOST_TEST(found.value().plugin_id == "org.extender");
}

BOOST_AUTO_TEST_CASE(an_id_two_plugins_use_must_be_qualified) {
  const console_tree tree(all());
  const menu_slots slots(all());
  const tree_node& node = *tree.find("Tools/Owner");
  auto ambiguous = slots.find(node, "general");
  BOOST_REQUIRE(!ambiguous.ok());
  BOOST_TEST(ambiguous.error().message.find("org.extender:general") != std::string::npos);
  auto qualified = slots.find(node, "org.extender:general");
  BOOST_REQUIRE(qualified.ok());
  BOOST_TEST(qualified.value().label == "Extra");
}

BOOST_AUTO_TEST_CASE(an_unknown_action_lists_what_the_node_offers) {
  const console_tree tree(all());
  const menu_slots slots(all());
  auto missing = slots.find(*tree.find("Tools/Extender"), "enroll");
  BOOST_REQUIRE(!missing.ok());
  BOOST_TEST((missing.error().why == arbor::sdk::reason::not_found));
  BOOST_TEST(missing.error().message.find("own") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
