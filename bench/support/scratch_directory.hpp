#pragma once
// A benchmark's working directory under the system temp dir: created 0700 (it holds keys in clear
// for the openssl tool) and removed with everything in it when the benchmark ends.
#include <filesystem>
#include <string>

namespace arbor::km::bench {

class scratch_directory {
 public:
  explicit scratch_directory(const std::string& prefix);
  ~scratch_directory();
  scratch_directory(const scratch_directory&) = delete;
  scratch_directory& operator=(const scratch_directory&) = delete;

  const std::filesystem::path& path() const noexcept { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace arbor::km::bench
