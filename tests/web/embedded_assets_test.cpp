#define BOOST_TEST_MODULE embedded_assets_test
// The web console's files as embed_assets.cmake compiled them in: byte for byte the files of
// host/web/assets/, each with its content type, "/" as the index, and nothing else served.
#include <boost/test/unit_test.hpp>

#include "host/web/embedded_assets.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using arbor::host::web::find_asset;

const fs::path asset_dir = fs::path(ARBOR_SOURCE_DIR) / "host" / "web" / "assets";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_asset_file_is_served_byte_for_byte) {
  int served = 0;
  for (const auto& entry : fs::directory_iterator(asset_dir)) {
    const std::string name = entry.path().filename().string();
    if (name == "CMakeLists.txt") continue;
    const auto* asset = find_asset("/" + name);
    BOOST_TEST_REQUIRE(asset != nullptr, name);
    BOOST_TEST((asset->bytes == read_file(entry.path())), name);
    ++served;
  }
  BOOST_TEST(served >= 5);
}

BOOST_AUTO_TEST_CASE(the_root_is_the_index_page) {
  const auto* root = find_asset("/");
  BOOST_TEST_REQUIRE(root != nullptr);
  BOOST_TEST(root->path == "/index.html");
  BOOST_TEST(root->content_type == "text/html; charset=utf-8");
  BOOST_TEST(root->bytes.find("<script type=\"module\" src=\"/app.js\">") != std::string_view::npos);
}

BOOST_AUTO_TEST_CASE(each_kind_of_file_has_its_content_type) {
  BOOST_TEST(find_asset("/app.js")->content_type == "text/javascript; charset=utf-8");
  BOOST_TEST(find_asset("/style.css")->content_type == "text/css; charset=utf-8");
  BOOST_TEST(find_asset("/favicon.svg")->content_type == "image/svg+xml");
}

BOOST_AUTO_TEST_CASE(unknown_and_crafted_paths_are_not_found) {
  for (const char* path : {"", "/missing.js", "index.html", "/../index.html", "/assets/app.js", "/CMakeLists.txt",
                           "/app.js/", "/APP.JS", "/app.js?x=1"})
    BOOST_TEST(find_asset(path) == nullptr, path);
}
