#include "wizards/new_file_path.hpp"

#include <string>

#include "workflows/new_file.hpp"

namespace arbor::km::wizards {

void check_new_file_path(const std::filesystem::path& path, std::string_view field,
                         const std::filesystem::path& database_dir) {
  workflows::new_file(path, database_dir, "field '" + std::string(field) + "'");
}

}  // namespace arbor::km::wizards
