#pragma once
// The backup a restore reads: a checked fact, built once from what the operator typed.
#include <filesystem>
#include <string_view>

#include "store/data_directory.hpp"

namespace arbor::km::workflows {

class backup_file {
 public:
  // `given` is a file name in backups/ or the path of a backup elsewhere. errc::bad_input when it
  // is empty or is no regular file (a name too long for the file system is none either). Whether
  // it is a backup at all is for the restore to find out (store::restore), by SQLite only.
  backup_file(const store::data_directory& dir, std::string_view given);

  const std::filesystem::path& path() const noexcept { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace arbor::km::workflows
