#pragma once
// A details or summary table as lines of aligned columns.
#include "host/tui/lines.hpp"

#include <arbor/sdk/node.hpp>

#include <cstddef>

namespace arbor::host::tui {

/// The heading line and the given rows of `table`, columns as wide as their widest cell (at most
/// `max_column` columns each) separated by two spaces, every line at most `width` columns.
styled_lines format_table(const sdk::table& table, std::size_t width, std::size_t max_column = 40);

}  // namespace arbor::host::tui
