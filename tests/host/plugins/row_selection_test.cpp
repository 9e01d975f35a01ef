#define BOOST_TEST_MODULE row_selection
// Row actions through the host (SDK 1.2): a plugin deriving from sdk::row_selection offers row
// keys and opens tasks with rows chosen, every call guarded; a plugin whose entry point has SDK
// 1.1's size still loads, and the host never reads the field its size leaves out.
#include <boost/test/unit_test.hpp>

#include "host/plugins/plugin_registry.hpp"
#include "test_support.hpp"

#include <fstream>

using arbor::host::test::mentions;
namespace host = arbor::host;
namespace sdk = arbor::sdk;

namespace {

std::string manifest(const std::string& id, const std::string& library, const std::string& node_type, int minor) {
  return R"({
  "manifest_version": 1, "id": ")" + id + R"(", "name": "Rows", "version": "1.0.0",
  "api": {"major": 1, "minor": )" + std::to_string(minor) + R"(}, "library": ")" + library + R"(",
  "nodes": [{"path": "Fixtures/)" + node_type + R"(", "type": ")" + node_type + R"("}],
  "actions": [{"id": "greet", "label": "Greet", "node_type": ")" + node_type + R"(", "slot": "All Tasks"}]
})";
}

constexpr const char* current = "org.arbor.fixture.row-actions";
constexpr const char* old_entry = "org.arbor.fixture.row-actions-v1-1";
const sdk::node_ref current_node{"Fixtures/rows", "rows"};
const sdk::node_ref old_node{"Fixtures/old-rows", "old-rows"};

struct console_with_row_plugins {
  host::test::temp_dir dir;
  host::service_table services;
  std::unique_ptr<host::plugin_registry> registry;

  console_with_row_plugins() {
    std::ofstream(dir.path() / "rows.json") << manifest(current, "libarbor_fixture_row_actions.so", "rows", 2);
    std::ofstream(dir.path() / "old-rows.json")
        << manifest(old_entry, "libarbor_fixture_row_actions_v1_1.so", "old-rows", 1);
    registry = std::make_unique<host::plugin_registry>(
        host::registry_options{{dir.path()}, {host::test::fixture_libraries}}, services);
    registry->discover();
  }

  static sdk::answers named(const std::string& name) {
    sdk::answers answers;
    answers.set("who", "name", sdk::answer{sdk::field_kind::text, name, {}, false, {}});
    return answers;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(row_selection, console_with_row_plugins)

BOOST_AUTO_TEST_CASE(a_plugin_deriving_from_row_selection_names_its_row_key) {
  auto key = registry->row_key(current, current_node, "Node");
  BOOST_TEST_REQUIRE(key.ok(), (key.ok() ? "" : key.error().message));
  BOOST_TEST(key.value() == "path");
  BOOST_TEST(registry->row_key(current, current_node, "Other").value().empty());
  BOOST_TEST(registry->takes_rows(current, current_node, "greet", "Node").value());
}

BOOST_AUTO_TEST_CASE(a_task_opened_with_rows_has_them_as_defaults_and_validates_as_usual) {
  auto wizard = registry->open_selected(current, current_node, "greet", "Node", {"Fixtures/rows"});
  BOOST_TEST_REQUIRE(wizard.ok(), (wizard.ok() ? "" : wizard.error().message));
  auto page = wizard.value()->prepare("who", {});
  BOOST_TEST_REQUIRE(page.ok());
  BOOST_TEST(page.value().fields.front().default_value == "Fixtures/rows");
  BOOST_TEST(!wizard.value()->validate("who", named("")).ok());  // the operator emptied it: refused
}

BOOST_AUTO_TEST_CASE(open_selected_is_refused_without_rows) {
  auto wizard = registry->open_selected(current, current_node, "greet", "Node", {});
  BOOST_TEST_REQUIRE(!wizard.ok());
  BOOST_TEST(mentions(wizard.error().message, {"does not start with chosen rows", "open it without a selection"}));
}

BOOST_AUTO_TEST_CASE(an_exception_from_row_key_becomes_an_internal_error) {
  auto key = registry->row_key(current, current_node, "Throws");
  BOOST_TEST_REQUIRE(!key.ok());
  BOOST_TEST((key.error().why == sdk::reason::internal));
  BOOST_TEST(mentions(key.error().message, {"failed in row_key"}));
  BOOST_TEST(key.error().technical == "row_key exploded");
}

BOOST_AUTO_TEST_CASE(an_entry_of_sdk_1_1_size_loads_and_offers_no_row_selection) {
  auto key = registry->row_key(old_entry, old_node, "Node");
  BOOST_TEST_REQUIRE(key.ok(), (key.ok() ? "" : key.error().message));
  BOOST_TEST(key.value().empty());  // its plugin has the interface, but the entry predates the field
  BOOST_TEST(!registry->takes_rows(old_entry, old_node, "greet", "Node").value());
  BOOST_TEST(!registry->open_selected(old_entry, old_node, "greet", "Node", {"x"}).ok());
  auto wizard = registry->open(old_entry, old_node, "greet");
  BOOST_TEST_REQUIRE(wizard.ok(), (wizard.ok() ? "" : wizard.error().message));
  auto summary = wizard.value()->run(named("Ada"));
  BOOST_TEST_REQUIRE(summary.ok());
  BOOST_TEST(summary.value().items.at(0).value == "Hello, Ada");
}

BOOST_AUTO_TEST_SUITE_END()
