#define BOOST_TEST_MODULE extension_snapins
#include <boost/test/unit_test.hpp>

#include "host/console/console_tree.hpp"
#include "host/console/menu_slots.hpp"
#include "host/plugins/plugin_registry.hpp"
#include "test_support.hpp"

#include <fstream>

using arbor::host::plugin_state;
using arbor::host::test::mentions;
namespace host = arbor::host;
namespace sdk = arbor::sdk;

namespace {

const std::string publisher_manifest = R"({
  "manifest_version": 1, "id": "org.arbor.fixture.publisher", "name": "Publisher", "version": "1.2.0",
  "api": {"major": 1, "minor": 1}, "library": "libarbor_fixture_publisher.so",
  "nodes": [{"path": "Fixtures/Publisher", "type": "fixture.publisher"}],
  "actions": [{"id": "greet", "label": "Greet", "node_type": "fixture.publisher", "slot": "All Tasks"}]
})";

/// The extension's manifest with `extends` as its "extends" value.
std::string extension_manifest(const std::string& extends) {
  return R"({
  "manifest_version": 1, "id": "org.arbor.fixture.extension", "name": "Extension", "version": "1.0.0",
  "api": {"major": 1, "minor": 1}, "library": "libarbor_fixture_extension.so",
  "extends": )" + extends + R"(,
  "actions": [{"id": "hail", "label": "Hail", "node_type": "fixture.publisher", "slot": "All Tasks"}]
})";
}

const std::string extends_publisher = R"([{"plugin": "org.arbor.fixture.publisher", "min_version": "1.0"}])";

/// A manifest directory written for one test, discovered with the fixture libraries.
struct console {
  host::test::temp_dir dir;
  host::service_table services;
  std::unique_ptr<host::plugin_registry> registry;

  console& with(const std::string& file, const std::string& text) {
    std::ofstream(dir.path() / file) << text;
    return *this;
  }
  host::plugin_registry& discover() {
    registry = std::make_unique<host::plugin_registry>(
        host::registry_options{{dir.path()}, {host::test::fixture_libraries}}, services);
    registry->discover();
    return *registry;
  }
  const host::plugin_status& status(std::string_view file) { return host::test::status_of(*registry, file); }
};

const sdk::node_ref publisher_node{"Fixtures/Publisher", "fixture.publisher"};

}  // namespace

BOOST_AUTO_TEST_CASE(extension_loads_after_its_base_and_answers_through_the_base_service) {
  console c;
  auto& registry = c.with("a-extension.json", extension_manifest(extends_publisher)).with("b-publisher.json", publisher_manifest).discover();
  BOOST_TEST(registry.libraries_opened() == 0u);
  auto wizard = registry.open("org.arbor.fixture.extension", publisher_node, "hail");
  BOOST_TEST_REQUIRE(wizard.ok(), (wizard.ok() ? "" : wizard.error().message));
  BOOST_TEST(c.status("b-publisher.json").state == plugin_state::loaded);
  BOOST_TEST(registry.libraries_opened() == 2u);
  sdk::answers answers;
  answers.set("who", "name", sdk::answer{sdk::field_kind::text, "Ada", {}, false, {}});
  auto summary = wizard.value()->run(answers);
  BOOST_TEST_REQUIRE(summary.ok(), (summary.ok() ? "" : summary.error().message));
  BOOST_TEST(summary.value().items.at(0).value == "Good day, Ada");
}

BOOST_AUTO_TEST_CASE(extension_actions_join_the_base_node_menu_after_the_base_actions) {
  console c;
  auto& registry = c.with("a-extension.json", extension_manifest(extends_publisher)).with("b-publisher.json", publisher_manifest).discover();
  const host::console_tree tree(registry.manifests());
  const host::menu_slots menus(registry.manifests());
  const host::node_menu menu = menus.menu_for(*tree.find("Fixtures/Publisher"));
  BOOST_REQUIRE(menu.all_tasks.size() == 2u);
  BOOST_TEST(menu.all_tasks[0].action_id == "greet");
  BOOST_TEST(!menu.all_tasks[0].extension);
  BOOST_TEST(menu.all_tasks[1].action_id == "hail");
  BOOST_TEST(menu.all_tasks[1].extension);
  BOOST_TEST(menu.all_tasks[1].plugin_id == "org.arbor.fixture.extension");
}

BOOST_AUTO_TEST_CASE(extension_without_its_base_is_inactive_naming_the_missing_plugin) {
  console c;
  auto& registry = c.with("extension.json", extension_manifest(extends_publisher)).discover();
  const auto& status = c.status("extension.json");
  BOOST_TEST(status.state == plugin_state::inactive);
  BOOST_TEST(mentions(status.error.message, {"extension.json", "org.arbor.fixture.publisher", "not installed"}));
  BOOST_TEST(registry.manifests().empty());
  auto used = registry.plugin("org.arbor.fixture.extension");
  BOOST_TEST_REQUIRE(!used.ok());
  BOOST_TEST(used.error().message == status.error.message);
  BOOST_TEST(registry.libraries_opened() == 0u);
}

BOOST_AUTO_TEST_CASE(extension_of_a_too_old_base_is_inactive_and_listed_on_the_base_node) {
  console c;
  auto& registry = c.with("extension.json", extension_manifest(R"([{"plugin": "org.arbor.fixture.publisher", "min_version": "1.10"}])"))
                       .with("publisher.json", publisher_manifest)
                       .discover();
  const auto& status = c.status("extension.json");
  BOOST_TEST(status.state == plugin_state::inactive);
  BOOST_TEST(mentions(status.error.message, {"1.10 or newer", "version 1.2.0"}));
  const host::console_tree tree(registry.manifests());
  const host::menu_slots menus(registry.manifests(), {{&*status.manifest, status.error.message}});
  const host::node_menu menu = menus.menu_for(*tree.find("Fixtures/Publisher"));
  BOOST_TEST(menu.all_tasks.size() == 1u);
  BOOST_REQUIRE(menu.inactive.size() == 1u);
  BOOST_TEST(menu.inactive[0].action_id == "hail");
  BOOST_TEST(menu.inactive[0].reason == status.error.message);
}

BOOST_AUTO_TEST_CASE(extension_of_a_failed_base_is_inactive_with_the_base_failure) {
  console c;
  std::string broken = publisher_manifest;  // its action targets a node type nobody declares
  broken.replace(broken.find("\"node_type\": \"fixture.publisher\""), 32, "\"node_type\": \"fixture.nowhere\"");
  c.with("extension.json", extension_manifest(extends_publisher)).with("publisher.json", broken).discover();
  BOOST_TEST(c.status("publisher.json").state == plugin_state::failed);
  BOOST_TEST(c.status("extension.json").state == plugin_state::inactive);
  BOOST_TEST(mentions(c.status("extension.json").error.message, {"which is failed", "fixture.nowhere"}));
}

BOOST_AUTO_TEST_CASE(action_on_another_plugins_node_type_needs_that_plugin_under_extends) {
  console c;
  c.with("extension.json", extension_manifest("[]")).with("publisher.json", publisher_manifest).discover();
  const auto& status = c.status("extension.json");
  BOOST_TEST(status.state == plugin_state::failed);
  BOOST_TEST(mentions(status.error.message, {"hail", "org.arbor.fixture.publisher", "\"extends\""}));
  BOOST_TEST(c.status("publisher.json").state == plugin_state::discovered);
}

BOOST_AUTO_TEST_CASE(extensions_that_extend_each_other_fail) {
  console c;
  std::string other = extension_manifest(R"([{"plugin": "org.arbor.fixture.extension"}])");
  other.replace(other.find("org.arbor.fixture.extension\", \"name\""), 27, "org.arbor.fixture.other");
  c.with("extension.json", extension_manifest(R"([{"plugin": "org.arbor.fixture.other"}])")).with("other.json", other).discover();
  BOOST_TEST(c.status("extension.json").state == plugin_state::failed);
  BOOST_TEST(c.status("other.json").state == plugin_state::failed);
  BOOST_TEST(mentions(c.status("other.json").error.message, {"lead back", "org.arbor.fixture.other"}));
}

BOOST_AUTO_TEST_CASE(a_base_that_fails_to_load_fails_its_extension_with_the_reason) {
  console c;
  std::string missing_library = publisher_manifest;
  missing_library.replace(missing_library.find("libarbor_fixture_publisher.so"), 29, "libarbor_fixture_nowhere.so");
  auto& registry = c.with("extension.json", extension_manifest(extends_publisher)).with("publisher.json", missing_library).discover();
  auto used = registry.plugin("org.arbor.fixture.extension");
  BOOST_TEST_REQUIRE(!used.ok());
  BOOST_TEST(mentions(used.error().message, {"extension.json", "extends the plugin org.arbor.fixture.publisher",
                                             "libarbor_fixture_nowhere.so"}));
  BOOST_TEST(c.status("extension.json").state == plugin_state::failed);
}
