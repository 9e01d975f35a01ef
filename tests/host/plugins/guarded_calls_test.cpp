#define BOOST_TEST_MODULE guarded_calls
#include <boost/test/unit_test.hpp>

#include "host/plugins/plugin_registry.hpp"
#include "test_support.hpp"

#include <optional>
#include <string>
#include <vector>

using arbor::host::plugin_state;
using arbor::host::test::mentions;
namespace sdk = arbor::sdk;

namespace {

/// Keeps every line the host logs.
class recording_log final : public sdk::log {
 public:
  void write(sdk::log_level, std::string_view message) override { lines.emplace_back(message); }
  std::vector<std::string> lines;
};

constexpr const char* throwing_id = "org.arbor.fixture.throws-in-calls";
const sdk::node_ref throwing_node{"Fixtures/Throws In Calls", "fixture.throws-in-calls"};

struct console_with_throwing_plugin {
  recording_log log;
  arbor::host::service_table services;
  std::optional<arbor::host::plugin_registry> registry;

  console_with_throwing_plugin() {
    services.set_log(&log);
    registry.emplace(arbor::host::registry_options{{arbor::host::test::broken_manifests},
                                                   {arbor::host::test::fixture_libraries}},
                     services);
    registry->discover();
    log.lines.clear();
  }

  static sdk::answers named(const char* name) {
    sdk::answers answers;
    answers.set("who", "name", sdk::answer{sdk::field_kind::text, name, {}, false, {}});
    return answers;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(guarded_calls, console_with_throwing_plugin)

BOOST_AUTO_TEST_CASE(non_standard_exception_from_details_becomes_an_internal_error) {
  auto details = registry->details(throwing_id, throwing_node, {});
  BOOST_TEST_REQUIRE(!details.ok());
  BOOST_TEST((details.error().why == sdk::reason::internal));
  BOOST_TEST(mentions(details.error().message, {"The plugin org.arbor.fixture.throws-in-calls failed in details"}));
  BOOST_TEST(details.error().technical == "an exception not derived from std::exception");
}

BOOST_AUTO_TEST_CASE(exception_from_wizard_run_becomes_an_internal_error) {
  auto wizard = registry->open(throwing_id, throwing_node, "greet");
  BOOST_TEST_REQUIRE(wizard.ok(), (wizard.ok() ? "" : wizard.error().message));
  BOOST_TEST(wizard.value()->spec().title == "Greet");
  BOOST_TEST(wizard.value()->prepare("who", {}).ok());
  BOOST_TEST(wizard.value()->validate("who", named("Ada")).ok());
  auto run = wizard.value()->run(named("Ada"));
  BOOST_TEST_REQUIRE(!run.ok());
  BOOST_TEST((run.error().why == sdk::reason::internal));
  BOOST_TEST(mentions(run.error().message, {"The plugin org.arbor.fixture.throws-in-calls failed in wizard.run"}));
  BOOST_TEST(run.error().technical == "fixture: run failed on purpose");
}

BOOST_AUTO_TEST_CASE(console_keeps_going_after_a_plugin_throws) {
  BOOST_TEST(!registry->details(throwing_id, throwing_node, {}).ok());
  BOOST_TEST(registry->details("org.arbor.fixture.tiny", {"Fixtures/Tiny", "fixture.tiny"}, {}).ok());
  BOOST_TEST(arbor::host::test::status_of(*registry, "throws_in_calls.json").state == plugin_state::loaded);
  BOOST_TEST(registry->open(throwing_id, throwing_node, "greet").ok());
}

BOOST_AUTO_TEST_CASE(plugin_errors_that_are_values_pass_through_unchanged) {
  auto wizard = registry->open("org.arbor.fixture.tiny", {"Fixtures/Tiny", "fixture.tiny"}, "greet");
  BOOST_TEST_REQUIRE(wizard.ok());
  auto validated = wizard.value()->validate("who", named(""));
  BOOST_TEST_REQUIRE(!validated.ok());
  BOOST_TEST((validated.error().why == sdk::reason::invalid_input));
  BOOST_TEST(validated.error().message == "Enter a name to greet.");
  BOOST_TEST(log.lines.empty());
}

BOOST_AUTO_TEST_CASE(thrown_exceptions_and_load_failures_are_logged) {
  BOOST_TEST(!registry->details(throwing_id, throwing_node, {}).ok());
  BOOST_TEST(!registry->plugin("org.arbor.fixture.api-major").ok());
  BOOST_TEST_REQUIRE(log.lines.size() == 2u);
  BOOST_TEST(mentions(log.lines[0], {"failed in details"}));
  BOOST_TEST(mentions(log.lines[1], {"api_major.json", "built for SDK API 2.0"}));
}

BOOST_AUTO_TEST_CASE(action_the_manifest_does_not_declare_is_not_opened) {
  auto wizard = registry->open("org.arbor.fixture.tiny", {"Fixtures/Tiny", "fixture.tiny"}, "export");
  BOOST_TEST_REQUIRE(!wizard.ok());
  BOOST_TEST((wizard.error().why == sdk::reason::not_found));
  BOOST_TEST(mentions(wizard.error().message, {"declares no action 'export'"}));
}

BOOST_AUTO_TEST_CASE(wizard_keeps_its_plugin_and_library_alive_after_the_registry_is_gone) {
  auto wizard = registry->open("org.arbor.fixture.tiny", {"Fixtures/Tiny", "fixture.tiny"}, "greet");
  BOOST_TEST_REQUIRE(wizard.ok());
  registry.reset();
  auto summary = wizard.value()->run(named("Grace"));
  BOOST_TEST_REQUIRE(summary.ok());
  BOOST_TEST(summary.value().items.at(0).value == "Hello, Grace");
}

BOOST_AUTO_TEST_SUITE_END()
