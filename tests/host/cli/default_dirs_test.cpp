#define BOOST_TEST_MODULE default_dirs
#include <boost/test/unit_test.hpp>

#include "host/cli/default_dirs.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <vector>

namespace fs = std::filesystem;
using arbor::host::cli::manifest_dirs_from;

namespace {

/// An install prefix with lib/arbor/manifests in it, removed afterwards.
struct installed_prefix {
  fs::path root = fs::temp_directory_path() / ("arbor-prefix-" + std::to_string(::getpid()));
  installed_prefix() { fs::create_directories(root / "lib" / "arbor" / "manifests"); }
  ~installed_prefix() { fs::remove_all(root); }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(defaults, installed_prefix)

BOOST_AUTO_TEST_CASE(installed_manifests_sit_in_lib_arbor_manifests_under_the_prefix) {
  const std::vector<fs::path> dirs = manifest_dirs_from("", root);
  BOOST_REQUIRE(dirs.size() == 1u);
  BOOST_TEST(dirs[0] == root / "lib" / "arbor" / "manifests");
}

BOOST_AUTO_TEST_CASE(manifest_path_directories_come_first_in_order_skipping_empty_entries) {
  const std::vector<fs::path> dirs = manifest_dirs_from(":/opt/a/manifests::/srv/b:", root);
  BOOST_REQUIRE(dirs.size() == 3u);
  BOOST_TEST(dirs[0] == "/opt/a/manifests");
  BOOST_TEST(dirs[1] == "/srv/b");
  BOOST_TEST(dirs[2] == root / "lib" / "arbor" / "manifests");
}

BOOST_AUTO_TEST_CASE(a_prefix_without_manifests_falls_back_to_the_source_tree) {
  const std::vector<fs::path> dirs = manifest_dirs_from("/opt/a", root / "elsewhere");
  BOOST_REQUIRE(dirs.size() == 2u);
  BOOST_TEST(dirs[1] == fs::path(ARBOR_SOURCE_DIR) / "manifests");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(the_web_state_dir_follows_xdg_state_home_or_falls_back_to_local_state) {
  const char* old_state = std::getenv("XDG_STATE_HOME");
  const std::string kept = old_state ? old_state : "";
  const std::string home = std::getenv("HOME") ? std::getenv("HOME") : "/";
  ::setenv("XDG_STATE_HOME", "/srv/state", 1);
  BOOST_TEST(arbor::host::cli::default_web_state_dir() == fs::path("/srv/state/arbor/web"));
  ::setenv("XDG_STATE_HOME", "relative", 1);  // not absolute: ignored, as the XDG spec says
  ::setenv("HOME", "/home/op", 1);
  BOOST_TEST(arbor::host::cli::default_web_state_dir() == fs::path("/home/op/.local/state/arbor/web"));
  ::setenv("HOME", home.c_str(), 1);
  if (old_state) ::setenv("XDG_STATE_HOME", kept.c_str(), 1); else ::unsetenv("XDG_STATE_HOME");
}
