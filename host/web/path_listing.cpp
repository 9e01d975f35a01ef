#include "host/web/path_listing.hpp"

#include <boost/json/array.hpp>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <memory>
#include <optional>
#include <system_error>
#include <utility>

namespace arbor::host::web {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

/// The code point of the well-formed UTF-8 sequence at the start of `text` and its length;
/// nothing for a broken, overlong or surrogate sequence or one past U+10FFFF.
std::optional<std::pair<char32_t, std::size_t>> code_point(std::string_view text) {
  const auto lead = static_cast<unsigned char>(text[0]);
  if (lead < 0x80) return std::pair{char32_t{lead}, std::size_t{1}};
  const std::size_t length = (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xe ? 3 : (lead >> 3) == 0x1e ? 4 : 0;
  if (length == 0 || length > text.size()) return std::nullopt;
  char32_t value = lead & (0x7f >> length);
  for (std::size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[k]);
    if ((next & 0xc0) != 0x80) return std::nullopt;
    value = (value << 6) | (next & 0x3f);
  }
  static constexpr char32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
  if (value < least[length] || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return std::nullopt;
  return std::pair{value, length};
}

bool is_control(char32_t c) { return c < 0x20 || (c >= 0x7f && c <= 0x9f); }

/// Whether `text` is well-formed UTF-8 without control characters (C0, DEL or C1: U+009B is a
/// terminal's CSI): a name that is not could not be shown or sent back as it is.
bool plain_text(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = code_point(text.substr(i));
    if (!c || is_control(c->first)) return false;
    i += c->second;
  }
  return true;
}

bool has_control(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = code_point(text.substr(i));
    if (c && is_control(c->first)) return true;
    i += c ? c->second : 1;
  }
  return false;
}

sdk::error refused(const fs::path& where, const std::string& what, const std::string& what_to_do,
                   sdk::reason why = sdk::reason::invalid_input) {
  return sdk::fail(why, "\"" + where.string() + "\" " + what + ".", what_to_do);
}

sdk::error open_failed(const fs::path& where, int error) {
  std::error_code ec;
  // O_NOFOLLOW with O_DIRECTORY says ENOTDIR of a link on Linux, ELOOP elsewhere.
  if ((error == ENOTDIR || error == ELOOP) && fs::is_symlink(fs::symlink_status(where, ec)))
    return refused(where, "is a symbolic link, which the file picker does not follow",
                   "type the path of the directory it points to");
  switch (error) {
    case ENOTDIR: return refused(where, "is not a directory", "pick a directory, or type the file's path");
    case ENOENT: return refused(where, "does not exist", "pick a directory that exists", sdk::reason::not_found);
    case EACCES:
    case EPERM:
      return refused(where, "cannot be read by the console", "pick another directory", sdk::reason::denied);
    default:
      return refused(where, "cannot be listed: " + std::generic_category().message(error), "pick another directory",
                     sdk::reason::unavailable);
  }
}

/// `dir` as an absolute path without "." and ".." and without a trailing '/'.
fs::path absolute_directory(std::string_view dir, std::error_code& ec) {
  fs::path where = dir.empty() ? fs::current_path(ec) : fs::absolute(fs::path(dir), ec);
  where = where.lexically_normal();
  // "a/b/" would open as "a/b" followed through a link: the last name goes without its slash.
  if (!where.has_filename() && where != where.root_path()) where = where.parent_path();
  return where;
}

struct directory_closer {
  void operator()(DIR* d) const noexcept { ::closedir(d); }
};

struct entry {
  bool directory;
  std::string name;
};

}  // namespace

sdk::result<json::object> list_directory(std::string_view dir) {
  if (dir.size() > max_listed_path)
    return sdk::fail(sdk::reason::invalid_input,
                     "The directory's path has " + std::to_string(dir.size()) + " characters, more than " +
                         std::to_string(max_listed_path) + ".",
                     "pick a shorter path");
  if (has_control(dir))
    return sdk::fail(sdk::reason::invalid_input, "The directory's path holds a control character.",
                     "type the path without control characters");
  std::error_code ec;
  const fs::path where = absolute_directory(dir, ec);
  if (ec) return sdk::fail(sdk::reason::unavailable, "The console's working directory cannot be read.", ec.message());

  const int fd = ::open(where.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return open_failed(where, errno);
  const std::unique_ptr<DIR, directory_closer> listing(::fdopendir(fd));
  if (!listing) {
    const int error = errno;
    ::close(fd);
    return open_failed(where, error);
  }

  std::vector<entry> found;
  bool cut = false;
  std::size_t read = 0;
  while (const dirent* item = ::readdir(listing.get())) {
    if (++read > max_read_entries) {
      cut = true;
      break;
    }
    const std::string_view name = item->d_name;
    if (name.starts_with('.') || !plain_text(name)) continue;
    struct stat status {};
    if (::fstatat(fd, item->d_name, &status, AT_SYMLINK_NOFOLLOW) != 0) continue;
    if (!S_ISDIR(status.st_mode) && !S_ISREG(status.st_mode)) continue;
    found.push_back({S_ISDIR(status.st_mode), std::string(name)});
  }
  std::sort(found.begin(), found.end(),
            [](const entry& a, const entry& b) { return a.directory != b.directory ? a.directory : a.name < b.name; });
  if (found.size() > max_listed_entries) {
    found.resize(max_listed_entries);
    cut = true;
  }

  json::array entries;
  for (const entry& e : found)
    entries.push_back(json::object{{"name", e.name}, {"path", (where / e.name).string()},
                                   {"kind", e.directory ? "directory" : "file"}});
  json::value parent = nullptr;
  if (where != where.root_path()) parent = where.parent_path().string();
  return json::object{{"dir", where.string()}, {"parent", std::move(parent)}, {"entries", std::move(entries)}, {"cut", cut}};
}

json::object list_suggestions(const std::vector<std::string>& suggestions) {
  json::array entries;
  for (const std::string& s : suggestions) entries.push_back(json::object{{"name", s}, {"path", s}, {"kind", "suggestion"}});
  return json::object{{"dir", nullptr}, {"parent", nullptr}, {"entries", std::move(entries)}, {"cut", false}};
}

}  // namespace arbor::host::web
