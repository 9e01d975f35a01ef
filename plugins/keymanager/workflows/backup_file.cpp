#include "workflows/backup_file.hpp"

#include <system_error>

#include "common/km_error.hpp"

namespace arbor::km::workflows {

backup_file::backup_file(const store::data_directory& dir, std::string_view given) : path_(given) {
  if (path_.empty()) throw error(errc::bad_input, "Name the backup to restore.");
  if (!path_.has_parent_path()) path_ = dir.backups() / path_;
  std::error_code unreadable;  // a name too long for the file system, say: no such backup either
  if (!std::filesystem::is_regular_file(path_, unreadable))
    throw error(errc::bad_input, "There is no backup '" + path_.string() + "': pick one of the files listed.");
}

}  // namespace arbor::km::workflows
