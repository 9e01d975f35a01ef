#pragma once
// Where a manifest's library file is: the name as written when absolute, else beside the
// manifest, else in ../plugins from the manifest's directory (the installed layout
// <prefix>/lib/arbor/{manifests,plugins}), else in the plugin directories (--plugin-dir, then the
// host's default).
#include "host/plugins/manifest.hpp"

#include <filesystem>
#include <vector>

namespace arbor::host {

/// The existing library file for `m`, or a not-found error listing every place looked in.
sdk::result<std::filesystem::path> resolve_library(const manifest& m,
                                                   const std::vector<std::filesystem::path>& plugin_dirs);

}  // namespace arbor::host
