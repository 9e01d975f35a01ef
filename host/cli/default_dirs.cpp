#include "cli/default_dirs.hpp"

namespace arbor::host::cli {
namespace {

std::filesystem::path install_prefix() {
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::current_path() : exe.parent_path().parent_path();
}

}  // namespace

std::vector<std::filesystem::path> default_manifest_dirs() {
  const std::filesystem::path installed = install_prefix() / "share" / "arbor" / "manifests";
  std::error_code ec;
  if (std::filesystem::is_directory(installed, ec)) return {installed};
  return {std::filesystem::path(ARBOR_SOURCE_MANIFEST_DIR)};
}

std::vector<std::filesystem::path> default_plugin_dirs() {
  return {install_prefix() / "lib" / "arbor" / "plugins"};
}

}  // namespace arbor::host::cli
