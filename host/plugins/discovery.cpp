#include "host/plugins/discovery.hpp"

#include <algorithm>
#include <system_error>

namespace arbor::host {

sdk::result<std::vector<std::filesystem::path>> list_manifests(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(dir, ec) && !ec) return std::vector<fs::path>{};
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code unreadable;  // a dangling link is still listed: reading it names the problem
    if (it->path().extension() == ".json" && !it->is_directory(unreadable)) files.push_back(it->path());
  }
  if (ec) {
    return sdk::fail(sdk::reason::unavailable,
                     dir.string() + ": the manifest directory cannot be listed (" + ec.message() +
                         "): check its permissions, or point --manifests elsewhere",
                     ec.message());
  }
  std::sort(files.begin(), files.end(),
            [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });
  return files;
}

}  // namespace arbor::host
