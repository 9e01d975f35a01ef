#include "workflows/export_file_name.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <system_error>

#include "common/km_error.hpp"
#include "common/staged_file.hpp"
#include "crypto/printable_text.hpp"

namespace arbor::km::workflows {
namespace fs = std::filesystem;

namespace {

// The longest name the staged writer can create in `data_dir`: the file system's limit less the
// temporary suffix, ".tmp-" and 16 hex digits, that the file carries until it is complete.
std::size_t longest_export_name(const fs::path& data_dir) {
  errno = 0;
  const long name_max = ::pathconf(data_dir.c_str(), _PC_NAME_MAX);
  constexpr std::size_t posix_name_max = 255;  // unknown limit: the common one
  const std::size_t limit = name_max > 0 ? static_cast<std::size_t>(name_max) : posix_name_max;
  const std::size_t suffix = staged_temporary_suffix_size;
  return limit > suffix ? limit - suffix : 0;
}

// Names are shown in --json output, summaries and on terminals: only printable UTF-8.
void check_printable(std::string_view name) {
  const auto flaw = crypto::find_unprintable(name);
  if (!flaw) return;
  if (flaw->what == crypto::text_flaw::kind::invalid_utf8)
    throw error(errc::bad_input, "The file name is not valid UTF-8 text (byte " + std::to_string(flaw->offset + 1) +
                                     "): type it again in plain characters.");
  char code[16];
  std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(flaw->code_point));
  if (flaw->what == crypto::text_flaw::kind::control)
    throw error(errc::bad_input, std::string("The file name contains a control character (") + code +
                                     "): use printable characters only.");
  throw error(errc::bad_input, std::string("The file name contains an invisible direction mark (") + code +
                                   ") that changes how the name reads: type it again without it.");
}

// Every rule; returns the path the name gives in `data_dir`.
fs::path checked(std::string_view name, const fs::path& data_dir) {
  if (name.empty()) throw error(errc::bad_input, "Type a file name for the export file.");
  if (name.find('/') != std::string_view::npos || name.find('\\') != std::string_view::npos)
    throw error(errc::bad_input, "'" + std::string(name) +
                                     "' contains a path separator: type a file name only; the file is saved in "
                                     "this server's KMSData directory.");
  check_printable(name);
  if (const std::size_t longest = longest_export_name(data_dir); name.size() > longest)
    throw error(errc::bad_input, "The file name is " + std::to_string(name.size()) + " bytes long; at most " +
                                     std::to_string(longest) + " fit in this server's KMSData directory: choose "
                                                               "a shorter name.");
  if (is_staged_temporary(name))
    throw error(errc::bad_input, "'" + std::string(name) + "' looks like the temporary name of an unfinished file "
                                 "(it ends in .tmp- and 16 hex digits), which the Key Manager deletes after a "
                                 "crash: choose another name.");
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
  return target;
}

}  // namespace

export_file_name::export_file_name(std::string_view name, const fs::path& data_dir)
    : name_(name), path_(checked(name_, data_dir)) {}

void export_file_name::check_in(const fs::path& data_dir) const {
  if (path_.parent_path() != data_dir)
    throw error(errc::internal, "the export file name was checked for another directory",
                path_.string() + " is not in " + data_dir.string());
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

}  // namespace arbor::km::workflows
