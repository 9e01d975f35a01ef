#include "workflows/import_file.hpp"

#include <algorithm>
#include <system_error>

#include "common/km_error.hpp"

namespace arbor::km::workflows {
namespace {

bool has_control_character(std::string_view name) {
  return std::any_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

bool is_plain_name(std::string_view name) {
  return name.find('/') == std::string_view::npos && name.find('\\') == std::string_view::npos && name != "." &&
         name != ".." && !has_control_character(name);
}

}  // namespace

import_file::import_file(const store::data_directory& dir, std::string_view name) {
  if (name.empty()) throw error(errc::bad_input, "Type the name of the transfer file in the KMSData directory.");
  if (!is_plain_name(name)) {
    throw error(errc::bad_input, "'" + std::string(name) +
                                     "' is not a plain file name: move the transfer file into the KMSData directory (" +
                                     dir.root().string() + ") and type its name only.");
  }
  path_ = dir.root() / name;
  std::error_code unreadable;  // a name too long for the file system, say: there is no such file either
  if (!std::filesystem::is_regular_file(std::filesystem::symlink_status(path_, unreadable))) {
    throw error(errc::bad_input, "There is no file '" + std::string(name) + "' in the KMSData directory (" +
                                     dir.root().string() + "): move the transfer file there first.");
  }
}

}  // namespace arbor::km::workflows
