#include "transfer/export_file_name.hpp"

#include <algorithm>
#include <system_error>

#include "common/km_error.hpp"
#include "common/staged_file.hpp"

namespace arbor::km::transfer {
namespace fs = std::filesystem;

void check_export_file_name(std::string_view name, const fs::path& data_dir) {
  if (name.empty()) throw error(errc::bad_input, "Type a file name for the export file.");
  if (name.find('/') != std::string_view::npos || name.find('\\') != std::string_view::npos)
    throw error(errc::bad_input, "'" + std::string(name) +
                                     "' contains a path separator: type a file name only; the file is saved in "
                                     "this server's KMSData directory.");
  if (std::any_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }))
    throw error(errc::bad_input, "The file name contains a control character: use printable characters only.");
  if (name.find("..") != std::string_view::npos)
    throw error(errc::bad_input, "'" + std::string(name) + "' contains '..': choose a plain file name.");
  if (name.front() == '.')
    throw error(errc::bad_input, "'" + std::string(name) + "' starts with a dot: choose a name that is not hidden.");
  const fs::path target = data_dir / std::string(name);
  std::error_code ec;
  const fs::file_status existing = fs::symlink_status(target, ec);
  if (existing.type() == fs::file_type::none)  // too long for the file system, say
    throw error(errc::bad_input, "'" + std::string(name) + "' cannot be used as a file name (" + ec.message() +
                                     "): choose a shorter plain file name.");
  if (fs::exists(existing))
    throw error(errc::conflict, target.string() + " already exists: choose another file name (an existing file is "
                                                  "never replaced).");
}

std::vector<std::string> find_export_leftovers(const fs::path& data_dir) {
  std::vector<std::string> found;
  for (const fs::directory_entry& entry : fs::directory_iterator(data_dir)) {
    const std::string name = entry.path().filename().string();
    if (is_staged_temporary(name) && entry.is_regular_file() && !entry.is_symlink()) found.push_back(name);
  }
  std::sort(found.begin(), found.end());
  return found;
}

std::string describe_leftover(const std::string& file_name) {
  return file_name + ": left by an export that stopped while writing; incomplete and ignored (safe to delete).";
}

}  // namespace arbor::km::transfer
