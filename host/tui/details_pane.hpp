#pragma once
// The details pane as lines: the node's notices first (highlighted), then each table with its
// title, the rows shown and how many exist, and the order when it is sorted.
#include "host/tui/lines.hpp"
#include "host/tui/row_order.hpp"

#include <arbor/sdk/node.hpp>

#include <cstddef>
#include <optional>
#include <string>

namespace arbor::host::tui {

/// "rows 11-20 of 25", "no rows", or "rows beyond this page: 2 in all" for a table the window
/// has passed.
std::string row_range(const sdk::table& table, sdk::row_window window);

/// Lines for `view` fetched with `window`, sorted by `sorting` if given, each at most `width`
/// columns.
styled_lines details_lines(const sdk::details_view& view, sdk::row_window window,
                           const std::optional<sort_order>& sorting, std::size_t width);

}  // namespace arbor::host::tui
