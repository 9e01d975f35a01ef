#include "workflows/new_file.hpp"

#include <string>
#include <system_error>

#include "common/km_error.hpp"

namespace arbor::km::workflows {

new_file::new_file(std::filesystem::path path, const std::filesystem::path& database_dir, std::string_view named)
    : path_(std::move(path)) {
  namespace fs = std::filesystem;
  const std::string as_named = named.empty() ? std::string() : " (" + std::string(named) + ")";
  if (path_.empty()) throw error(errc::bad_input, "Type the path of the file to create" + as_named + ".");
  // A path the file system cannot look at (no permission, a name too long, a symbolic link loop)
  // is the operator's to change, like one that exists: the non-throwing calls say so.
  const auto unusable = [&](const std::error_code& ec) {
    return error(errc::bad_input, "'" + path_.string() + "'" + as_named + " cannot be checked (" + ec.message() +
                                      "): choose another path.");
  };
  std::error_code ec;
  const fs::file_status file = fs::symlink_status(path_, ec);
  if (file.type() == fs::file_type::none) throw unusable(ec);
  if (fs::exists(file)) throw error(errc::bad_input, "'" + path_.string() + "' already exists: choose a new file name.");
  const auto parent = path_.has_parent_path() ? path_.parent_path() : fs::path(".");
  const fs::file_status folder = fs::status(parent, ec);
  if (folder.type() == fs::file_type::none) throw unusable(ec);
  if (!fs::is_directory(folder))
    throw error(errc::bad_input, "The folder '" + parent.string() + "' does not exist: create it or choose another.");
  if (fs::equivalent(parent, database_dir, ec))
    throw error(errc::bad_input, "'" + parent.string() + "' is the Key Manager's database folder, where only the "
                                 "database itself may be written: choose another folder.");
}

}  // namespace arbor::km::workflows
