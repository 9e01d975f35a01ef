#pragma once
// A path where a task will create a new file: a checked fact, built before any work is done.
#include <filesystem>
#include <string_view>

namespace arbor::km::workflows {

class new_file {
 public:
  // errc::bad_input when `path` is empty, already exists (files are never replaced), cannot be
  // looked at, or its folder does not exist or is `database_dir` (only SQLite writes there:
  // store/data_directory.hpp). `named` is the caller's name for the path in its messages (the
  // wizards give the field's label, "'Save the certificate as'"); empty names nothing.
  new_file(std::filesystem::path path, const std::filesystem::path& database_dir, std::string_view named = {});

  const std::filesystem::path& path() const noexcept { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace arbor::km::workflows
