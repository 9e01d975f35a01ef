#define BOOST_TEST_MODULE discovery
#include <boost/test/unit_test.hpp>

#include "host/plugins/discovery.hpp"
#include "host/plugins/plugin_registry.hpp"
#include "test_support.hpp"

#include <fstream>

using arbor::host::list_manifests;
using arbor::host::plugin_state;
using arbor::host::test::mentions;
using arbor::host::test::temp_dir;

BOOST_AUTO_TEST_CASE(lists_only_json_files_sorted_by_name) {
  temp_dir dir;
  for (const char* name : {"b.json", "a.json", "c.txt", "a.json.bak"}) std::ofstream(dir.path() / name) << "{}";
  std::filesystem::create_directory(dir.path() / "d.json");
  auto listed = list_manifests(dir.path());
  BOOST_TEST_REQUIRE(listed.ok());
  BOOST_TEST_REQUIRE(listed.value().size() == 2u);
  BOOST_TEST(listed.value()[0].filename() == "a.json");
  BOOST_TEST(listed.value()[1].filename() == "b.json");
}

BOOST_AUTO_TEST_CASE(directory_that_does_not_exist_holds_no_manifests) {
  auto listed = list_manifests("/nonexistent/arbor/manifests");
  BOOST_TEST_REQUIRE(listed.ok());
  BOOST_TEST(listed.value().empty());
}

BOOST_AUTO_TEST_CASE(path_that_is_not_a_directory_is_an_error) {
  temp_dir dir;
  std::ofstream(dir.path() / "file") << "x";
  auto listed = list_manifests(dir.path() / "file");
  BOOST_TEST_REQUIRE(!listed.ok());
  BOOST_TEST(mentions(listed.error().message, {"the manifest directory cannot be listed"}));
}

BOOST_AUTO_TEST_CASE(unreadable_manifest_becomes_a_failed_entry_and_the_rest_load) {
  temp_dir dir;
  std::filesystem::create_symlink(dir.path() / "gone.json", dir.path() / "dangling.json");
  std::filesystem::copy_file(arbor::host::test::broken_manifests / "00-healthy.json", dir.path() / "tiny.json");
  arbor::host::service_table services;
  arbor::host::plugin_registry registry({{"/nonexistent/arbor/manifests", dir.path()}, {}}, services);
  registry.discover();
  BOOST_TEST_REQUIRE(registry.plugins().size() == 2u);
  const auto& dangling = arbor::host::test::status_of(registry, "dangling.json");
  BOOST_TEST(dangling.state == plugin_state::failed);
  BOOST_TEST(mentions(dangling.error.message, {"dangling.json: cannot be read"}));
  BOOST_TEST(arbor::host::test::status_of(registry, "tiny.json").state == plugin_state::discovered);
}
