#pragma once
// Paths where a task will create a new file: checked on the page, before any work is done.
#include <filesystem>
#include <string_view>

namespace arbor::km::wizards {

/// errc::bad_input when `path` is empty, already exists (files are never replaced) or its folder
/// does not exist. `field` names the field in the message.
void check_new_file_path(const std::filesystem::path& path, std::string_view field);

}  // namespace arbor::km::wizards
