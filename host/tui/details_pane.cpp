#include "host/tui/details_pane.hpp"

#include "host/tui/sort_menu.hpp"
#include "host/tui/table_format.hpp"
#include "host/tui/text.hpp"

#include <algorithm>

namespace arbor::host::tui {

std::string row_range(const sdk::table& table, sdk::row_window window) {
  const std::size_t total = std::max(table.total_rows, table.rows.size());
  if (total == 0) return "no rows";
  if (table.rows.empty()) return "none on this page, " + std::to_string(total) + " in all";
  return "rows " + std::to_string(window.first + 1) + "-" + std::to_string(window.first + table.rows.size()) + " of " +
         std::to_string(total);
}

namespace {

constexpr const char* selected_mark = "* ";
constexpr const char* unselected_mark = "  ";

std::string about_table(const sdk::table& table, std::size_t t, sdk::row_window window,
                        const std::optional<sort_order>& sorting, const details_marks& marks) {
  std::string about = row_range(table, window);
  if (sorting && sorting->table == t) about += ", " + sort_label(table, *sorting);
  if (t != marks.table) return about;
  if (!marks.selected.empty()) about += ", " + std::to_string(marks.selected.size()) + " selected";
  if (!marks.filter.empty()) about += ", filter \"" + printable(marks.filter) + "\"";
  return about;
}

bool is_selected(const std::vector<std::string>& row, const details_marks& marks) {
  return *marks.key_column < row.size() &&
         std::find(marks.selected.begin(), marks.selected.end(), row[*marks.key_column]) != marks.selected.end();
}

}  // namespace

std::size_t table_width(std::size_t width, const details_marks& marks, std::size_t table) {
  const std::size_t mark = table == marks.table && marks.key_column ? columns(selected_mark) : 0;
  return width > mark + 1 ? width - mark : 1;
}

styled_lines details_lines(const sdk::details_view& view, sdk::row_window window,
                           const std::optional<sort_order>& sorting, std::size_t width, const details_marks& marks) {
  styled_lines lines;
  for (const std::string& notice : view.notices) lines.push_back({std::string(clip("! " + printable(notice), width)), style::notice});
  if (!view.notices.empty()) lines.push_back({});
  for (std::size_t t = 0; t < view.tables.size(); ++t) {
    const sdk::table& table = view.tables[t];
    const std::string about = about_table(table, t, window, sorting, marks);
    lines.push_back({std::string(clip(printable(table.title) + "  (" + about + ")", width)), style::title});
    const bool marked = t == marks.table && marks.key_column;
    styled_lines rows = format_table(table, table_width(width, marks, t), marks.first_column);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      styled_line line = std::move(rows[i]);
      const bool heading = i == 0;
      if (marked)
        line.text = (!heading && is_selected(table.rows[i - 1], marks) ? selected_mark : unselected_mark) + line.text;
      if (!heading && t == marks.table && marks.cursor == i - 1) {
        line.text = fit(line.text, width);
        line.style = style::selected;
      }
      lines.push_back(std::move(line));
    }
    lines.push_back({});
  }
  return lines;
}

}  // namespace arbor::host::tui
