#pragma once
// The details pane as lines: the node's notices first (highlighted), then each table with its
// title, the rows shown and how many exist, the order when it is sorted, and, on the table the
// operator works on, the selection, the filter and the cursor.
#include "host/tui/lines.hpp"
#include "host/console/row_order.hpp"

#include <arbor/sdk/node.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace arbor::host::tui {

/// "rows 11-20 of 25", "no rows", or "rows beyond this page: 2 in all" for a table the window
/// has passed.
std::string row_range(const sdk::table& table, sdk::row_window window);

/// What the operator has done in the details pane, drawn into its lines.
struct details_marks {
  std::size_t table{0};                   ///< the table the cursor, the selection and the filter are on
  std::optional<std::size_t> cursor;      ///< its row under the cursor, when the pane has the focus
  std::optional<std::size_t> key_column;  ///< its column naming rows; none when rows cannot be selected
  std::vector<std::string> selected;      ///< key values of the rows selected
  std::string filter;                     ///< the filter in force on it, empty for none
  std::size_t first_column{0};            ///< the first column shown, in every table
};

/// Lines for `view` fetched with `window`, sorted by `sorting` if given, each at most `width`
/// columns. A table whose rows can be selected gets a mark column ("* " selected).
styled_lines details_lines(const sdk::details_view& view, sdk::row_window window,
                           const std::optional<sort_order>& sorting, std::size_t width,
                           const details_marks& marks = {});

/// The width the table `table` of the details gets in a pane `width` wide (less its mark column).
std::size_t table_width(std::size_t width, const details_marks& marks, std::size_t table);

}  // namespace arbor::host::tui
