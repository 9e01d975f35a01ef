#include "host/console/tree_path.hpp"

namespace arbor::host {

std::string_view relative_path(std::string_view path) noexcept {
  if (!path.starts_with(console_root_name)) return path;
  std::string_view rest = path.substr(console_root_name.size());
  if (rest.empty()) return rest;
  if (rest.front() == '/') return rest.substr(1);
  return path;  // "Console Rootish/..." is a top-level node of its own
}

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> segments;
  std::string_view rest = relative_path(path);
  while (!rest.empty()) {
    const auto slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    if (!segment.empty()) segments.emplace_back(segment);
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  return segments;
}

std::string display_path(std::string_view relative) {
  std::string shown(console_root_name);
  if (!relative.empty()) {
    shown += '/';
    shown += relative;
  }
  return shown;
}

}  // namespace arbor::host
