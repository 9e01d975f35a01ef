#define BOOST_TEST_MODULE plugin_failures
#include <boost/test/unit_test.hpp>

#include "host/plugins/plugin_registry.hpp"
#include "test_support.hpp"

#include <arbor/sdk/version.hpp>

using arbor::host::plugin_state;
using arbor::host::test::mentions;
namespace sdk = arbor::sdk;

namespace {

/// The broken fixture directory, discovered, with the fixture libraries as the plugin dir.
struct broken_console {
  arbor::host::service_table services;
  arbor::host::plugin_registry registry{{{arbor::host::test::broken_manifests}, {arbor::host::test::fixture_libraries}},
                                        services};
  broken_console() { registry.discover(); }

  const arbor::host::plugin_status& status(std::string_view file) { return arbor::host::test::status_of(registry, file); }

  /// Uses plugin `id` (which must fail) and returns the state left for `file`.
  const arbor::host::plugin_status& fails_on_use(std::string_view id, std::string_view file) {
    BOOST_TEST(status(file).state == plugin_state::discovered);
    auto used = registry.plugin(id);
    BOOST_TEST_REQUIRE(!used.ok(), "the plugin " << id << " loaded");
    BOOST_TEST(used.error().message == status(file).error.message);
    BOOST_TEST(status(file).state == plugin_state::failed);
    return status(file);
  }

  /// The healthy fixture beside the broken ones still loads and greets.
  void healthy_plugin_works() {
    const sdk::node_ref node{"Fixtures/Tiny", "fixture.tiny"};
    auto details = registry.details("org.arbor.fixture.tiny", node, {});
    BOOST_TEST_REQUIRE(details.ok(), (details.ok() ? "" : details.error().message));
    BOOST_TEST(details.value().tables.at(0).rows.at(0).at(0) == "Fixtures/Tiny");
    auto wizard = registry.open("org.arbor.fixture.tiny", node, "greet");
    BOOST_TEST_REQUIRE(wizard.ok(), (wizard.ok() ? "" : wizard.error().message));
    sdk::answers answers;
    answers.set("who", "name", sdk::answer{sdk::field_kind::text, "Ada", {}, false, {}});
    BOOST_TEST(wizard.value()->validate("who", answers).ok());
    auto summary = wizard.value()->run(answers);
    BOOST_TEST_REQUIRE(summary.ok());
    BOOST_TEST(summary.value().items.at(0).value == "Hello, Ada");
    BOOST_TEST(status("00-healthy.json").state == plugin_state::loaded);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(plugin_failures, broken_console)

BOOST_AUTO_TEST_CASE(discovery_opens_no_library_and_keeps_healthy_manifests) {
  BOOST_TEST(registry.libraries_opened() == 0u);
  BOOST_TEST(status("00-healthy.json").state == plugin_state::discovered);
  BOOST_TEST(registry.plugins().size() == 15u);
}

BOOST_AUTO_TEST_CASE(invalid_json_fails_at_discovery_naming_the_file) {
  const auto& s = status("invalid_json.json");
  BOOST_TEST(s.state == plugin_state::failed);
  BOOST_TEST(mentions(s.error.message, {"invalid_json.json: is not valid JSON (line 5"}));
  healthy_plugin_works();
}

BOOST_AUTO_TEST_CASE(missing_field_fails_at_discovery_naming_the_field) {
  const auto& s = status("missing_field.json");
  BOOST_TEST(s.state == plugin_state::failed);
  BOOST_TEST(mentions(s.error.message, {"missing_field.json: field 'api.major' is missing"}));
  healthy_plugin_works();
}

BOOST_AUTO_TEST_CASE(duplicate_id_fails_the_later_manifest_naming_the_first) {
  const auto& s = status("duplicate_id.json");
  BOOST_TEST(s.state == plugin_state::failed);
  BOOST_TEST(mentions(s.error.message, {"duplicate_id.json: duplicate plugin id 'org.arbor.fixture.tiny' also declared by",
                                        "00-healthy.json"}));
  healthy_plugin_works();
}

BOOST_AUTO_TEST_CASE(node_collision_fails_the_later_manifest) {
  BOOST_TEST(mentions(status("node_collision.json").error.message,
                      {"node_collision.json: node 'Fixtures/Tiny' is already contributed by plugin 'org.arbor.fixture.tiny'"}));
  healthy_plugin_works();
}

BOOST_AUTO_TEST_CASE(action_on_undeclared_node_type_fails_the_manifest) {
  BOOST_TEST(mentions(status("unknown_node_type.json").error.message,
                      {"unknown_node_type.json: action 'greet' is on node type 'fixture.nowhere'"}));
  healthy_plugin_works();
}

BOOST_AUTO_TEST_CASE(missing_library_fails_on_first_use_listing_where_it_looked) {
  const auto& s = fails_on_use("org.arbor.fixture.missing-library", "missing_library.json");
  BOOST_TEST(mentions(s.error.message, {"missing_library.json: the library 'libarbor_fixture_absent.so' is missing",
                                        arbor::host::test::fixture_libraries.string(), "--plugin-dir"}));
  BOOST_TEST(registry.libraries_opened() == 0u);
  healthy_plugin_works();
}

BOOST_AUTO_TEST_CASE(missing_entry_symbol_fails_naming_the_library) {
  const auto& s = fails_on_use("org.arbor.fixture.no-entry", "missing_entry.json");
  BOOST_TEST(mentions(s.error.message, {"missing_entry.json: the library ", "libarbor_fixture_no_entry.so",
                                        "has no entry point 'arbor_plugin_entry'", "ARBOR_PLUGIN_ENTRY"}));
  healthy_plugin_works();
}

BOOST_AUTO_TEST_CASE(api_major_mismatch_fails_with_both_versions) {
  const auto& s = fails_on_use("org.arbor.fixture.api-major", "api_major.json");
  BOOST_TEST(mentions(s.error.message, {"api_major.json: the library ", "libarbor_fixture_api_major.so",
                                        "built for SDK API 2.0", "provides API 1." + std::to_string(sdk::api_minor)}));
  BOOST_TEST((s.error.why == sdk::reason::incompatible));
  healthy_plugin_works();
}

BOOST_AUTO_TEST_CASE(api_minor_too_new_fails) {
  const auto& s = fails_on_use("org.arbor.fixture.api-minor", "api_minor.json");
  BOOST_TEST(mentions(s.error.message, {"api_minor.json: the library ", "needs SDK API 1." + std::to_string(sdk::api_minor + 1)}));
  healthy_plugin_works();
}

BOOST_AUTO_TEST_CASE(entry_smaller_than_version_one_fails) {
  const auto& s = fails_on_use("org.arbor.fixture.small-entry", "small_entry.json");
  BOOST_TEST(mentions(s.error.message, {"small_entry.json: the library ", "8 bytes, smaller than SDK 1.0's"}));
  healthy_plugin_works();
}

BOOST_AUTO_TEST_CASE(id_mismatch_fails_naming_both_ids) {
  const auto& s = fails_on_use("org.arbor.fixture.id-mismatch", "id_mismatch.json");
  BOOST_TEST(mentions(s.error.message, {"id_mismatch.json: the library ", "is plugin 'org.arbor.fixture.tiny'",
                                        "the manifest says 'org.arbor.fixture.id-mismatch'"}));
  healthy_plugin_works();
}

BOOST_AUTO_TEST_CASE(declared_action_without_handler_fails) {
  const auto& s = fails_on_use("org.arbor.fixture.unhandled-action", "unhandled_action.json");
  BOOST_TEST(mentions(s.error.message, {"unhandled_action.json: the library ", "no handler for action 'greet'"}));
  healthy_plugin_works();
}

BOOST_AUTO_TEST_CASE(exception_from_attach_fails_the_plugin) {
  const auto& s = fails_on_use("org.arbor.fixture.throws-attach", "throws_attach.json");
  BOOST_TEST(mentions(s.error.message, {"throws_attach.json: The plugin org.arbor.fixture.throws-attach failed in attach"}));
  BOOST_TEST(s.error.technical == "fixture: attach failed on purpose");
  BOOST_TEST((s.error.why == sdk::reason::internal));
  healthy_plugin_works();
}

BOOST_AUTO_TEST_CASE(failed_plugin_is_not_tried_again) {
  fails_on_use("org.arbor.fixture.api-major", "api_major.json");
  const auto opened = registry.libraries_opened();
  BOOST_TEST(!registry.plugin("org.arbor.fixture.api-major").ok());
  BOOST_TEST(registry.libraries_opened() == opened);
}

BOOST_AUTO_TEST_CASE(manifests_lists_only_the_healthy_ones) {
  std::vector<std::string> ids;
  for (const auto* m : registry.manifests()) ids.push_back(m->id);
  BOOST_TEST(ids.size() == 10u);
  BOOST_TEST((std::find(ids.begin(), ids.end(), "org.arbor.fixture.missing-field") == ids.end()));
}

BOOST_AUTO_TEST_CASE(unknown_plugin_id_is_not_found) {
  auto used = registry.plugin("org.arbor.nowhere");
  BOOST_TEST_REQUIRE(!used.ok());
  BOOST_TEST((used.error().why == sdk::reason::not_found));
}

BOOST_AUTO_TEST_SUITE_END()
