#pragma once
// The Plugins view as lines: every manifest the console found, its state and, for a failed one,
// what went wrong and what to do.
#include "host/plugins/plugin_registry.hpp"
#include "host/tui/lines.hpp"

#include <cstddef>
#include <vector>

namespace arbor::host::tui {

styled_lines plugin_lines(const std::vector<plugin_status>& plugins, std::size_t width);

/// How many plugins failed.
std::size_t failed_count(const std::vector<plugin_status>& plugins) noexcept;

}  // namespace arbor::host::tui
