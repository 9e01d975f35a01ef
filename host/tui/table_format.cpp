#include "host/tui/table_format.hpp"

#include "host/tui/text.hpp"

#include <algorithm>
#include <numeric>

namespace arbor::host::tui {
namespace {

constexpr std::size_t gap = 2;  // between columns, and before the marker
constexpr const char* ellipsis = "\u2026";

/// How wide each column would like to be: its widest cell, and its label.
struct wanted_widths {
  std::vector<std::size_t> cells;
  std::vector<std::size_t> with_labels;
};

wanted_widths natural_widths(const sdk::table& table) {
  wanted_widths wanted;
  wanted.cells.assign(table.columns.size(), 1);
  for (const auto& row : table.rows)
    for (std::size_t i = 0; i < row.size() && i < wanted.cells.size(); ++i)
      wanted.cells[i] = std::max(wanted.cells[i], columns(printable(row[i])));
  for (std::size_t i = 0; i < table.columns.size(); ++i)
    wanted.with_labels.push_back(std::max(wanted.cells[i], columns(printable(table.columns[i].label))));
  return wanted;
}

/// `wanted` with no width above `max_column`.
wanted_widths capped(wanted_widths wanted, std::size_t max_column) {
  for (auto* widths : {&wanted.cells, &wanted.with_labels})
    for (std::size_t& w : *widths) w = std::min(w, max_column);
  return wanted;
}

std::string marker_text(std::size_t left, std::size_t right) {
  std::string marker;
  if (left) marker = "\u25C2 " + std::to_string(left) + " more";
  if (right) marker += (marker.empty() ? "" : "  ") + std::to_string(right) + " more \u25B8";
  return marker;
}

std::size_t needed(const std::vector<std::size_t>& widths) {
  return std::accumulate(widths.begin(), widths.end(), std::size_t{0}) + gap * (widths.size() - 1);
}

/// Takes one column at a time from the widest that is still above its floor until `widths` fit.
void shrink_widest(std::vector<std::size_t>& widths, const std::vector<std::size_t>& floors, std::size_t room) {
  while (needed(widths) > room) {
    std::size_t widest = widths.size();
    for (std::size_t i = 0; i < widths.size(); ++i)
      if (widths[i] > floors[i] && (widest == widths.size() || widths[i] > widths[widest])) widest = i;
    if (widest == widths.size()) return;
    --widths[widest];
  }
}

/// Gives room left over to the columns `max_column` capped, up to their whole width, left first.
void grow_capped(std::vector<std::size_t>& widths, const std::vector<std::size_t>& whole, std::size_t room) {
  for (std::size_t i = 0; i < widths.size() && needed(widths) < room; ++i)
    if (whole[i] > widths[i]) widths[i] += std::min(whole[i] - widths[i], room - needed(widths));
}

std::size_t room_for(std::size_t width, const std::string& marker) {
  const std::size_t taken = marker.empty() ? 0 : columns(marker) + gap;
  return width > taken ? width - taken : 1;
}

/// A cell in `width` columns: padded, or cut with an ellipsis.
std::string cell_text(const std::string& text, std::size_t width, bool pad) {
  if (columns(text) <= width) return pad ? fit(text, width) : text;
  return width > 1 ? std::string(clip(text, width - 1)) + ellipsis : std::string(clip(text, width));
}

std::string join_cells(const std::vector<std::string>& cells, const column_fit& fit_of, std::size_t room, bool pad_end) {
  std::string line;
  for (std::size_t i = 0; i < fit_of.widths.size(); ++i) {
    const std::size_t column = fit_of.first + i;
    const std::string cell = column < cells.size() ? printable(cells[column]) : std::string{};
    const bool last = i + 1 == fit_of.widths.size();
    line += cell_text(cell, fit_of.widths[i], !last || pad_end);
    if (!last) line += std::string(gap, ' ');
  }
  return std::string(clip(line, room));
}

}  // namespace

column_fit fit_columns(const sdk::table& table, std::size_t width, std::size_t first_column, std::size_t max_column) {
  column_fit result;
  if (table.columns.empty()) return result;
  result.first = std::min(first_column, table.columns.size() - 1);
  // Columns that fit whole are shown whole: `max_column` only keeps one long cell from taking
  // the room of the others when there is not enough for all.
  const wanted_widths whole = natural_widths(table);
  const std::vector<std::size_t> whole_shown(whole.with_labels.begin() + static_cast<std::ptrdiff_t>(result.first),
                                             whole.with_labels.end());
  result.marker = marker_text(result.first, 0);
  if (needed(whole_shown) <= room_for(width, result.marker)) {
    result.widths = whole_shown;
    return result;
  }
  const wanted_widths wanted = capped(whole, max_column);
  const std::vector<std::size_t>& natural = wanted.with_labels;
  // Labels are cut before values (down to the widest value), then the widest columns shrink.
  std::vector<std::size_t> floors;
  std::vector<std::size_t> label_floors;
  for (std::size_t i = 0; i < natural.size(); ++i) {
    floors.push_back(std::min(natural[i], min_column));
    label_floors.push_back(std::max(floors[i], wanted.cells[i]));
  }
  const auto slice = [&](const std::vector<std::size_t>& all, std::size_t shown) {
    const auto from = all.begin() + static_cast<std::ptrdiff_t>(result.first);
    return std::vector<std::size_t>(from, from + static_cast<std::ptrdiff_t>(shown));
  };
  for (std::size_t shown = natural.size() - result.first; shown >= 1; --shown) {
    result.marker = marker_text(result.first, natural.size() - result.first - shown);
    const std::size_t room = room_for(width, result.marker);
    const std::vector<std::size_t> shown_floors = shown == 1 ? std::vector<std::size_t>{1} : slice(floors, shown);
    if (needed(shown_floors) <= room || shown == 1) {
      result.widths = slice(natural, shown);
      shrink_widest(result.widths, slice(label_floors, shown), room);
      shrink_widest(result.widths, shown_floors, room);
      grow_capped(result.widths, slice(whole.with_labels, shown), room);
      break;
    }
  }
  return result;
}

styled_lines format_table(const sdk::table& table, std::size_t width, std::size_t first_column, std::size_t max_column) {
  const column_fit fit_of = fit_columns(table, width, first_column, max_column);
  const std::size_t room = room_for(width, fit_of.marker);
  std::vector<std::string> labels;
  for (const sdk::column& c : table.columns) labels.push_back(c.label);
  std::string heading = join_cells(labels, fit_of, room, !fit_of.marker.empty());
  if (!fit_of.marker.empty()) heading = fit(heading, room) + std::string(gap, ' ') + fit_of.marker;
  styled_lines lines{{std::string(clip(heading, width)), style::heading}};
  for (const auto& row : table.rows) lines.push_back({join_cells(row, fit_of, room, false), style::normal});
  return lines;
}

}  // namespace arbor::host::tui
