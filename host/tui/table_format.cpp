#include "host/tui/table_format.hpp"

#include "host/tui/text.hpp"

#include <algorithm>

namespace arbor::host::tui {
namespace {

std::vector<std::size_t> column_widths(const sdk::table& table, std::size_t max_column) {
  std::vector<std::size_t> widths;
  for (const sdk::column& c : table.columns) widths.push_back(std::min(columns(c.label), max_column));
  for (const auto& row : table.rows)
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i)
      widths[i] = std::max(widths[i], std::min(columns(row[i]), max_column));
  return widths;
}

std::string join_cells(const std::vector<std::string>& cells, const std::vector<std::size_t>& widths,
                       std::size_t width) {
  std::string line;
  for (std::size_t i = 0; i < widths.size(); ++i) {
    const std::string cell = i < cells.size() ? printable(cells[i]) : std::string{};
    line += i + 1 < widths.size() ? fit(cell, widths[i]) + "  " : std::string(clip(cell, widths[i]));
  }
  return std::string(clip(line, width));
}

}  // namespace

styled_lines format_table(const sdk::table& table, std::size_t width, std::size_t max_column) {
  const auto widths = column_widths(table, max_column);
  std::vector<std::string> labels;
  for (const sdk::column& c : table.columns) labels.push_back(c.label);
  styled_lines lines{{join_cells(labels, widths, width), style::heading}};
  for (const auto& row : table.rows) lines.push_back({join_cells(row, widths, width), style::normal});
  return lines;
}

}  // namespace arbor::host::tui
