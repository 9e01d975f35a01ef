#include "host/plugins/library_path.hpp"

#include <system_error>

namespace arbor::host {

sdk::result<std::filesystem::path> resolve_library(const manifest& m,
                                                   const std::vector<std::filesystem::path>& plugin_dirs) {
  namespace fs = std::filesystem;
  std::vector<fs::path> candidates;
  if (m.library.is_absolute()) {
    candidates.push_back(m.library);
  } else {
    candidates.push_back(m.file.parent_path() / m.library);
    // The installed layout: <prefix>/lib/arbor/manifests beside <prefix>/lib/arbor/plugins.
    candidates.push_back(m.file.parent_path().parent_path() / "plugins" / m.library);
    for (const fs::path& dir : plugin_dirs) candidates.push_back(dir / m.library);
  }
  std::string searched;
  for (const fs::path& candidate : candidates) {
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec)) return fs::absolute(candidate, ec).lexically_normal();
    searched += (searched.empty() ? "" : ", ") + candidate.string();
  }
  return sdk::fail(sdk::reason::not_found,
                   "the library '" + m.library.string() + "' is missing (looked for " + searched +
                       "): build or install the plugin, or pass --plugin-dir with the directory that holds it");
}

}  // namespace arbor::host
