#include "tui/summary_lines.hpp"

#include "tui/table_format.hpp"
#include "tui/text.hpp"

#include <algorithm>

namespace arbor::host::tui {

styled_lines summary_lines(const sdk::summary& summary, std::size_t width) {
  std::size_t label_width = 0;
  for (const sdk::summary_item& item : summary.items) label_width = std::max(label_width, columns(item.label));
  label_width = std::min<std::size_t>(label_width, 30);

  styled_lines lines{{std::string(clip(printable(summary.title), width)), style::success}, {}};
  for (const sdk::summary_item& item : summary.items) {
    lines.push_back({std::string(clip(fit(printable(item.label) + ":", label_width + 1) + " " + printable(item.value), width)),
                     style::normal});
    for (const std::string& detail : item.details)
      lines.push_back({std::string(clip("    " + printable(detail), width)), style::hint});
  }
  if (summary.results) {
    lines.push_back({});
    lines.push_back({std::string(clip(printable(summary.results->title), width)), style::title});
    for (styled_line& line : format_table(*summary.results, width)) lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace arbor::host::tui
