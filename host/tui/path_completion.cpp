#include "host/tui/path_completion.hpp"

#include "host/tui/text.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace arbor::host::tui {
namespace {

namespace fs = std::filesystem;

bool has_control(std::string_view name) {
  return std::any_of(name.begin(), name.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
}

/// The longest prefix every name shares, never ending inside a UTF-8 character.
std::string shared_prefix(const std::vector<std::string>& names) {
  std::string prefix = names.front();
  for (const std::string& name : names) {
    std::size_t n = 0;
    while (n < prefix.size() && n < name.size() && prefix[n] == name[n]) ++n;
    prefix.resize(n);
  }
  std::size_t end = prefix.size();
  while (end > 0 && end < names.front().size() && continuation(names.front()[end])) --end;
  prefix.resize(end);
  return prefix;
}

/// The names in the directory `typed` names that start with its last component.
std::vector<std::string> file_names(std::string_view typed, std::string& directory_part) {
  const std::size_t slash = typed.rfind('/');
  directory_part = slash == std::string_view::npos ? std::string() : std::string(typed.substr(0, slash + 1));
  const std::string prefix(slash == std::string_view::npos ? typed : typed.substr(slash + 1));
  const fs::path directory = directory_part.empty() ? fs::path(".") : fs::path(directory_part);

  std::vector<std::string> names;
  std::error_code ec;
  fs::directory_iterator it(directory, fs::directory_options::skip_permission_denied, ec);
  for (std::size_t seen = 0; !ec && it != fs::directory_iterator() && seen < max_directory_entries; it.increment(ec), ++seen) {
    std::string name = it->path().filename().string();
    if (!name.starts_with(prefix) || (name.starts_with('.') && !prefix.starts_with('.'))) continue;
    std::error_code kind;
    if (it->is_directory(kind)) name += '/';
    names.push_back(std::move(name));
  }
  return names;
}

}  // namespace

path_completion complete_path(std::string_view typed, const std::vector<std::string>& suggestions) {
  std::string directory_part;
  std::vector<std::string> names;
  if (suggestions.empty()) {
    names = file_names(typed, directory_part);
  } else {
    for (const std::string& s : suggestions)
      if (s.starts_with(typed)) names.push_back(s);
  }
  std::erase_if(names, [](const std::string& name) { return has_control(name); });

  path_completion out;
  out.text = std::string(typed);
  out.matches = names.size();
  if (names.empty()) return out;
  std::sort(names.begin(), names.end());
  const std::string common = shared_prefix(names);
  if (directory_part.size() + common.size() > typed.size()) out.text = directory_part + common;
  if (names.size() > 1) {
    names.resize(std::min(names.size(), max_candidates));
    out.candidates = std::move(names);
  }
  return out;
}

}  // namespace arbor::host::tui
