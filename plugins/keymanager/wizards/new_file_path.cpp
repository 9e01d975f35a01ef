#include "wizards/new_file_path.hpp"

#include <string>
#include <system_error>

#include "common/km_error.hpp"

namespace arbor::km::wizards {

void check_new_file_path(const std::filesystem::path& path, std::string_view field,
                         const std::filesystem::path& database_dir) {
  namespace fs = std::filesystem;
  const std::string named = " (field '" + std::string(field) + "')";
  if (path.empty()) throw error(errc::bad_input, "Type the path of the file to create" + named + ".");
  // A path the file system cannot look at (no permission, a name too long, a symbolic link loop)
  // is the operator's to change, like one that exists: the non-throwing calls say so.
  const auto unusable = [&](const std::error_code& ec) {
    return error(errc::bad_input, "'" + path.string() + "'" + named + " cannot be checked (" + ec.message() +
                                      "): choose another path.");
  };
  std::error_code ec;
  const fs::file_status file = fs::symlink_status(path, ec);
  if (file.type() == fs::file_type::none) throw unusable(ec);
  if (fs::exists(file)) throw error(errc::bad_input, "'" + path.string() + "' already exists: choose a new file name.");
  const auto parent = path.has_parent_path() ? path.parent_path() : fs::path(".");
  const fs::file_status folder = fs::status(parent, ec);
  if (folder.type() == fs::file_type::none) throw unusable(ec);
  if (!fs::is_directory(folder))
    throw error(errc::bad_input, "The folder '" + parent.string() + "' does not exist: create it or choose another.");
  if (fs::equivalent(parent, database_dir, ec))
    throw error(errc::bad_input, "'" + parent.string() + "' is the Key Manager's database folder, where only the "
                                 "database itself may be written: choose another folder.");
}

}  // namespace arbor::km::wizards
