#define BOOST_TEST_MODULE web_path_listing_test
// The file picker's listing of one directory: which names it leaves out. A local user chooses the
// names in a shared directory (/tmp, a drop folder): what the picker sends must be text a browser
// shows as it is, without invisible controls.
#include <boost/test/unit_test.hpp>

#include "host/web/path_listing.hpp"

#include "temporary_directory.hpp"

#include <fstream>
#include <string>
#include <vector>

using namespace arbor::host::web;

namespace {

std::vector<std::string> listed_names(const std::filesystem::path& dir) {
  auto listed = list_directory(dir.string());
  BOOST_TEST_REQUIRE(listed.ok());
  std::vector<std::string> names;
  for (const auto& e : listed.value().at("entries").as_array()) names.emplace_back(e.at("name").as_string());
  return names;
}

}  // namespace

// "\xC0\xAE" is an overlong '.', "\xED\xA0\x80" a UTF-16 surrogate, "\xF4\x90\x80\x80" past
// U+10FFFF: none is UTF-8. U+0085 (NEL) and U+009B (CSI, which terminals take as ESC [) are C1
// control characters, as much control characters as C0's.
BOOST_AUTO_TEST_CASE(names_that_are_not_utf8_or_hold_c1_controls_are_left_out) {
  arbor::testing::temporary_directory dir;
  const std::vector<std::string> bad = {"overlong\xC0\xAE", "surrogate\xED\xA0\x80", "beyond\xF4\x90\x80\x80",
                                        "nel\xC2\x85", "csi\xC2\x9B" "31m"};
  for (const auto& name : bad) std::ofstream(dir / name) << "x";
  std::ofstream(dir / "caf\xC3\xA9") << "x";            // é: shown
  std::ofstream(dir / "\xF0\x9F\x94\x91" "key") << "x";  // U+1F511: shown
  BOOST_TEST(listed_names(dir.path()) == (std::vector<std::string>{"caf\xC3\xA9", "\xF0\x9F\x94\x91" "key"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_directory_path_with_a_c1_control_is_refused) {
  arbor::testing::temporary_directory dir;
  auto listed = list_directory((dir / "csi\xC2\x9B").string());
  BOOST_TEST_REQUIRE(!listed.ok());
  BOOST_TEST(listed.error().message.find("control character") != std::string::npos);
}
