#pragma once
// Where `arbor` looks for manifests and plugin libraries when not told otherwise.
#include <filesystem>
#include <vector>

namespace arbor::host::cli {

/// `<exe_dir>/../share/arbor/manifests` if it exists, else the source tree's manifests/.
std::vector<std::filesystem::path> default_manifest_dirs();

/// `<exe_dir>/../lib/arbor/plugins`.
std::vector<std::filesystem::path> default_plugin_dirs();

}  // namespace arbor::host::cli
