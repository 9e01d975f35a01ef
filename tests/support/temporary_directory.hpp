#pragma once
// A fresh directory under the system's temporary directory, removed with everything in it.
#include <stdlib.h>

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>
#include <system_error>

namespace arbor::testing {

class temporary_directory {
 public:
  temporary_directory() {
    std::string dir = (std::filesystem::temp_directory_path() / "arbor-test-XXXXXX").string();
    BOOST_REQUIRE(::mkdtemp(dir.data()) != nullptr);
    path_ = dir;
  }
  ~temporary_directory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  temporary_directory(const temporary_directory&) = delete;
  temporary_directory& operator=(const temporary_directory&) = delete;
  const std::filesystem::path& path() const noexcept { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace arbor::testing
