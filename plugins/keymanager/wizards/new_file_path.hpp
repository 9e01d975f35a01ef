#pragma once
// Paths where a task will create a new file: checked on the page, before any work is done.
#include <filesystem>
#include <string_view>

namespace arbor::km::wizards {

/// errc::bad_input when `path` is empty, already exists (files are never replaced), its folder
/// does not exist or is `database_dir` (only SQLite writes there: store/data_directory.hpp).
/// `field` names the field in the message.
void check_new_file_path(const std::filesystem::path& path, std::string_view field,
                         const std::filesystem::path& database_dir);

}  // namespace arbor::km::wizards
