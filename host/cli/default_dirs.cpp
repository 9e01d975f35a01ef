#include "host/cli/default_dirs.hpp"

#include <cstdlib>

namespace arbor::host::cli {
namespace {

std::filesystem::path install_prefix() {
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::current_path() : exe.parent_path().parent_path();
}

}  // namespace

std::vector<std::filesystem::path> manifest_dirs_from(std::string_view manifest_path, const std::filesystem::path& prefix) {
  std::vector<std::filesystem::path> dirs;
  for (std::size_t start = 0; start <= manifest_path.size();) {
    std::size_t colon = manifest_path.find(':', start);
    if (colon == std::string_view::npos) colon = manifest_path.size();
    if (colon > start) dirs.emplace_back(manifest_path.substr(start, colon - start));
    start = colon + 1;
  }
  const std::filesystem::path installed = prefix / "lib" / "arbor" / "manifests";
  std::error_code ec;
  dirs.push_back(std::filesystem::is_directory(installed, ec) ? installed
                                                              : std::filesystem::path(ARBOR_SOURCE_MANIFEST_DIR));
  return dirs;
}

std::vector<std::filesystem::path> default_manifest_dirs() {
  const char* manifest_path = std::getenv("ARBOR_MANIFEST_PATH");
  return manifest_dirs_from(manifest_path ? manifest_path : "", install_prefix());
}

std::vector<std::filesystem::path> default_plugin_dirs() {
  return {install_prefix() / "lib" / "arbor" / "plugins"};
}

std::filesystem::path default_web_state_dir() {
  const char* state = std::getenv("XDG_STATE_HOME");
  if (state != nullptr && std::filesystem::path(state).is_absolute()) return std::filesystem::path(state) / "arbor" / "web";
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home != nullptr ? home : ".") / ".local" / "state" / "arbor" / "web";
}

}  // namespace arbor::host::cli
