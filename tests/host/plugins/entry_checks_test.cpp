#define BOOST_TEST_MODULE entry_checks
#include <boost/test/unit_test.hpp>

#include "host/plugins/entry_checks.hpp"
#include "test_support.hpp"

#include <arbor/sdk/sdk.hpp>

#include <cstddef>

using arbor::host::check_entry;
using arbor::host::check_manifest_api;
using arbor::host::test::mentions;
namespace sdk = arbor::sdk;

namespace {

class idle_plugin : public sdk::plugin {
 public:
  sdk::result<void> attach(sdk::host_services&) override { return {}; }
  sdk::result<sdk::details_view> details(const sdk::node_ref&, sdk::row_window) override { return sdk::details_view{}; }
  sdk::result<std::unique_ptr<sdk::wizard>> open(const sdk::node_ref&, std::string_view) override {
    return sdk::fail(sdk::reason::not_found, "none");
  }
};

constexpr const char* handled[] = {"greet", "general"};

struct matching_pair {
  sdk::plugin_entry entry = sdk::make_entry<idle_plugin>("org.arbor.example", "1.2.0", handled);
  arbor::host::manifest manifest{"manifests/example.json", "org.arbor.example", "Example", "1.2.0", 1, 0,
                                 "libexample.so", {{"Example", "example.root", {}}},
                                 {{"greet", "Greet", "example.root", "All Tasks", {}, {}}},
                                 {}};

  std::string refusal() const {
    auto checked = check_entry(entry, manifest, "/lib/libexample.so");
    BOOST_TEST_REQUIRE(!checked.ok(), "the entry was accepted");
    BOOST_TEST((checked.error().why == sdk::reason::incompatible));
    return checked.error().message;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(entry_checks, matching_pair)

BOOST_AUTO_TEST_CASE(matching_entry_is_accepted) { BOOST_TEST(check_entry(entry, manifest, "/lib/libexample.so").ok()); }

BOOST_AUTO_TEST_CASE(entry_smaller_than_version_one_is_refused) {
  entry.struct_size = 16;
  BOOST_TEST(mentions(refusal(), {"/lib/libexample.so", "16 bytes, smaller than SDK 1.0's", "rebuild"}));
}

BOOST_AUTO_TEST_CASE(larger_entry_from_a_later_minor_is_accepted) {
  entry.struct_size += 16;
  BOOST_TEST(check_entry(entry, manifest, "/lib/libexample.so").ok());
}

BOOST_AUTO_TEST_CASE(row_selection_is_read_only_from_an_entry_large_enough_to_hold_it) {
  entry.row_selection_of = [](sdk::plugin*) -> sdk::row_selection* { return nullptr; };
  BOOST_TEST((arbor::host::row_selection_of(entry) == entry.row_selection_of));
  entry.struct_size = offsetof(sdk::plugin_entry, row_selection_of);  // as built against SDK 1.1
  BOOST_TEST(check_entry(entry, manifest, "/lib/libexample.so").ok());
  BOOST_TEST((arbor::host::row_selection_of(entry) == nullptr));
}

BOOST_AUTO_TEST_CASE(make_entry_fills_row_selection_only_for_plugins_that_offer_it) {
  BOOST_TEST((entry.row_selection_of == nullptr));  // idle_plugin derives from plugin alone
}

BOOST_AUTO_TEST_CASE(other_api_major_is_refused_with_both_versions) {
  entry.api_major = 2;
  BOOST_TEST(mentions(refusal(), {"built for SDK API 2." + std::to_string(sdk::api_minor),
                                  "this console provides API 1." + std::to_string(sdk::api_minor), "rebuild the plugin"}));
}

BOOST_AUTO_TEST_CASE(newer_api_minor_is_refused) {
  entry.api_minor = sdk::api_minor + 1;
  BOOST_TEST(mentions(refusal(), {"needs SDK API 1." + std::to_string(sdk::api_minor + 1),
                                  "newer than this console's API 1." + std::to_string(sdk::api_minor), "update the console"}));
}

BOOST_AUTO_TEST_CASE(entry_id_other_than_manifest_id_is_refused) {
  entry.id = "org.arbor.other";
  BOOST_TEST(mentions(refusal(), {"is plugin 'org.arbor.other'", "the manifest says 'org.arbor.example'"}));
}

BOOST_AUTO_TEST_CASE(entry_without_id_is_refused) {
  entry.id = nullptr;
  BOOST_TEST(mentions(refusal(), {"is plugin '(none)'"}));
}

BOOST_AUTO_TEST_CASE(entry_version_other_than_manifest_version_is_refused) {
  manifest.version = "2.0.0";
  BOOST_TEST(mentions(refusal(), {"is version 1.2.0, but the manifest says 2.0.0"}));
}

BOOST_AUTO_TEST_CASE(declared_action_without_handler_is_refused) {
  manifest.actions.push_back({"export", "Export", "example.root", "All Tasks", {}, {}});
  BOOST_TEST(mentions(refusal(), {"no handler for action 'export'"}));
}

BOOST_AUTO_TEST_CASE(entry_without_action_list_handles_nothing) {
  entry.actions = nullptr;
  BOOST_TEST(mentions(refusal(), {"no handler for action 'greet'"}));
}

BOOST_AUTO_TEST_CASE(entry_without_factory_is_refused) {
  entry.create = nullptr;
  BOOST_TEST(mentions(refusal(), {"no plugin factory"}));
}

BOOST_AUTO_TEST_CASE(manifest_asking_for_this_api_or_an_older_minor_is_accepted) {
  BOOST_TEST(check_manifest_api(manifest).ok());
  manifest.api_minor = sdk::api_minor;
  BOOST_TEST(check_manifest_api(manifest).ok());
}

BOOST_AUTO_TEST_CASE(manifest_asking_for_a_newer_minor_or_another_major_is_refused_before_loading) {
  const std::string host_api = "1." + std::to_string(sdk::api_minor);
  manifest.api_minor = sdk::api_minor + 1;
  auto newer = check_manifest_api(manifest);
  BOOST_TEST_REQUIRE(!newer.ok());
  BOOST_TEST((newer.error().why == sdk::reason::incompatible));
  BOOST_TEST(mentions(newer.error().message, {"manifests/example.json", "asks for SDK API 1." + std::to_string(sdk::api_minor + 1),
                                              "this console (API " + host_api + ")", "update the console"}));
  manifest.api_major = 2;
  manifest.api_minor = 0;
  auto other_major = check_manifest_api(manifest);
  BOOST_TEST_REQUIRE(!other_major.ok());
  BOOST_TEST(mentions(other_major.error().message, {"asks for SDK API 2.0", "made for API " + host_api}));
}

BOOST_AUTO_TEST_SUITE_END()
