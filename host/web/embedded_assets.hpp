#pragma once
// The web console's files (host/web/assets/), compiled into the binary by embed_assets.cmake so
// `arbor web` serves them without reading the disk or the network.
#include <string_view>

namespace arbor::host::web {

struct embedded_asset {
  std::string_view path;          ///< "/index.html", "/app.js", ...
  std::string_view content_type;  ///< with "; charset=utf-8" for text
  std::string_view bytes;
};

/// The asset served at `path`; "/" maps to "/index.html". nullptr when unknown.
const embedded_asset* find_asset(std::string_view path) noexcept;

}  // namespace arbor::host::web
