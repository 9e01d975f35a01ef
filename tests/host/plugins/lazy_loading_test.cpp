#define BOOST_TEST_MODULE lazy_loading
#include <boost/test/unit_test.hpp>

#include "host/plugins/plugin_registry.hpp"
#include "test_support.hpp"

#include <fstream>
#include <string>

using arbor::host::plugin_state;
using arbor::host::test::mentions;
using arbor::host::test::temp_dir;

namespace {

constexpr int manifest_count = 50;

/// Writes a valid manifest for plugin `n` whose library file does not exist.
void write_absent_plugin(const std::filesystem::path& dir, int n) {
  const std::string name = "lazy" + std::to_string(n);
  std::ofstream(dir / (name + ".json")) << R"({"manifest_version": 1, "id": "org.arbor.)" << name
                                         << R"(", "name": ")" << name << R"(", "version": "1.0.0",
      "api": {"major": 1, "minor": 0}, "library": "libarbor_)" << name << R"(.so",
      "nodes": [{"path": "Lazy/)" << name << R"(", "type": "lazy.)" << name << R"("}],
      "actions": [{"id": "greet", "label": "Greet", "node_type": "lazy.)" << name << R"(", "slot": "All Tasks"}]})";
}

/// 50 manifests whose libraries do not exist, plus the healthy fixture's manifest.
struct many_plugins {
  temp_dir dir;
  arbor::host::service_table services;
  arbor::host::plugin_registry registry{{{dir.path()}, {arbor::host::test::fixture_libraries}}, services};

  many_plugins() {
    for (int n = 0; n < manifest_count; ++n) write_absent_plugin(dir.path(), n);
    std::filesystem::copy_file(arbor::host::test::broken_manifests / "00-healthy.json", dir.path() / "tiny.json");
    registry.discover();
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(lazy_loading, many_plugins)

BOOST_AUTO_TEST_CASE(discovery_reads_every_manifest_and_opens_no_library) {
  BOOST_TEST(registry.plugins().size() == manifest_count + 1u);
  for (const auto& s : registry.plugins()) {
    BOOST_TEST_CONTEXT(s.manifest_file) { BOOST_TEST(s.state == plugin_state::discovered); }
  }
  BOOST_TEST(registry.manifests().size() == manifest_count + 1u);
  BOOST_TEST(registry.libraries_opened() == 0u);
}

BOOST_AUTO_TEST_CASE(using_one_plugin_fails_only_that_one) {
  auto used = registry.plugin("org.arbor.lazy7");
  BOOST_TEST_REQUIRE(!used.ok());
  BOOST_TEST(mentions(used.error().message, {"lazy7.json: the library 'libarbor_lazy7.so' is missing"}));
  int failed = 0;
  for (const auto& s : registry.plugins()) failed += s.state == plugin_state::failed;
  BOOST_TEST(failed == 1);
  BOOST_TEST(arbor::host::test::status_of(registry, "lazy7.json").state == plugin_state::failed);
  BOOST_TEST(registry.libraries_opened() == 0u);
}

BOOST_AUTO_TEST_CASE(real_library_opens_on_first_use_only_once) {
  BOOST_TEST(registry.libraries_opened() == 0u);
  const arbor::sdk::node_ref node{"Fixtures/Tiny", "fixture.tiny"};
  BOOST_TEST(registry.details("org.arbor.fixture.tiny", node, {}).ok());
  BOOST_TEST(registry.libraries_opened() == 1u);
  BOOST_TEST(arbor::host::test::status_of(registry, "tiny.json").state == plugin_state::loaded);
  BOOST_TEST(registry.details("org.arbor.fixture.tiny", node, {}).ok());
  BOOST_TEST(registry.plugin("org.arbor.fixture.tiny").ok());
  BOOST_TEST(registry.libraries_opened() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
