#include "wizards/new_file_path.hpp"

#include <string>

#include "common/km_error.hpp"

namespace arbor::km::wizards {

void check_new_file_path(const std::filesystem::path& path, std::string_view field) {
  namespace fs = std::filesystem;
  if (path.empty()) throw error(errc::bad_input, "Type the path of the file to create (field '" + std::string(field) + "').");
  if (fs::exists(fs::symlink_status(path)))
    throw error(errc::bad_input, "'" + path.string() + "' already exists: choose a new file name.");
  const auto parent = path.has_parent_path() ? path.parent_path() : fs::path(".");
  if (!fs::is_directory(parent))
    throw error(errc::bad_input, "The folder '" + parent.string() + "' does not exist: create it or choose another.");
}

}  // namespace arbor::km::wizards
