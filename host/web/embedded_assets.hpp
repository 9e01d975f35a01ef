#pragma once
// The web console's pages, scripts and styles, compiled into the binary (no CDN, no files to
// install): generated at build time from host/web/assets/.
#include <string_view>

namespace arbor::host::web {

struct embedded_asset {
  std::string_view path;
  std::string_view content_type;
  std::string_view bytes;
};

/// "/" maps to "/index.html". nullptr when unknown.
const embedded_asset* find_asset(std::string_view path) noexcept;

}  // namespace arbor::host::web
