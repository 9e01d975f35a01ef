#include "host/tui/details_pane.hpp"

#include "host/tui/sort_menu.hpp"
#include "host/tui/table_format.hpp"
#include "host/tui/text.hpp"

namespace arbor::host::tui {

std::string row_range(const sdk::table& table, sdk::row_window window) {
  const std::size_t total = std::max(table.total_rows, table.rows.size());
  if (total == 0) return "no rows";
  if (table.rows.empty()) return "none on this page, " + std::to_string(total) + " in all";
  return "rows " + std::to_string(window.first + 1) + "-" + std::to_string(window.first + table.rows.size()) + " of " +
         std::to_string(total);
}

styled_lines details_lines(const sdk::details_view& view, sdk::row_window window,
                           const std::optional<sort_order>& sorting, std::size_t width) {
  styled_lines lines;
  for (const std::string& notice : view.notices) lines.push_back({std::string(clip("! " + printable(notice), width)), style::notice});
  if (!view.notices.empty()) lines.push_back({});
  for (std::size_t t = 0; t < view.tables.size(); ++t) {
    const sdk::table& table = view.tables[t];
    std::string about = row_range(table, window);
    if (sorting && sorting->table == t) about += ", " + sort_label(table, *sorting);
    lines.push_back({std::string(clip(printable(table.title) + "  (" + about + ")", width)), style::title});
    for (styled_line& line : format_table(table, width)) lines.push_back(std::move(line));
    lines.push_back({});
  }
  return lines;
}

}  // namespace arbor::host::tui
