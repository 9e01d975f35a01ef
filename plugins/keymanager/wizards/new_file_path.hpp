#pragma once
// Paths where a task will create a new file: checked on the page, before any work is done, by
// workflows/new_file.hpp's rules, naming the page's field.
#include <filesystem>
#include <string_view>

namespace arbor::km::wizards {

/// workflows::new_file's refusals (errc::bad_input) for `path`, naming the field `field`.
void check_new_file_path(const std::filesystem::path& path, std::string_view field,
                         const std::filesystem::path& database_dir);

}  // namespace arbor::km::wizards
