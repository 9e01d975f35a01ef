#pragma once
// Helpers shared by the host plugin tests: fixture locations, a self-removing temporary
// directory, and a check that an error message mentions what it must.
#include "host/plugins/plugin_registry.hpp"

#include <boost/test/unit_test.hpp>

#include "temporary_directory.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <ostream>
#include <string>
#include <string_view>

namespace arbor::host {
inline std::ostream& operator<<(std::ostream& out, plugin_state s) { return out << to_string(s); }
}  // namespace arbor::host

namespace arbor::host::test {

inline const std::filesystem::path broken_manifests = ARBOR_SOURCE_DIR "/tests/fixtures/manifests/broken";
inline const std::filesystem::path fixture_libraries = ARBOR_BINARY_DIR "/tests/fixtures/lib";

/// True when `text` contains every one of `parts`; otherwise says which is missing.
inline boost::test_tools::predicate_result mentions(const std::string& text,
                                                    std::initializer_list<std::string_view> parts) {
  for (std::string_view part : parts) {
    if (text.find(part) == std::string::npos) {
      boost::test_tools::predicate_result missing(false);
      missing.message() << "\"" << text << "\" does not mention \"" << part << "\"";
      return missing;
    }
  }
  return true;
}

/// The status read from the manifest file named `file_name`; fails the test when there is none.
inline const plugin_status& status_of(const plugin_registry& registry, std::string_view file_name) {
  const auto& all = registry.plugins();
  auto it = std::find_if(all.begin(), all.end(),
                         [&](const plugin_status& s) { return s.manifest_file.filename() == file_name; });
  BOOST_TEST_REQUIRE((it != all.end()), "no manifest " << file_name << " was discovered");
  return *it;
}

/// A fresh directory under the system's temporary directory, removed with everything in it.
using temp_dir = arbor::testing::temporary_directory;

}  // namespace arbor::host::test
