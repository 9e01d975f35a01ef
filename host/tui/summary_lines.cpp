#include "host/tui/summary_lines.hpp"

#include "host/tui/table_format.hpp"
#include "host/tui/text.hpp"

#include <algorithm>
#include <vector>

namespace arbor::host::tui {

styled_lines summary_lines(const sdk::summary& summary, std::size_t width) {
  std::size_t label_width = 0;
  for (const sdk::summary_item& item : summary.items) label_width = std::max(label_width, columns(item.label));
  label_width = std::min<std::size_t>(label_width, 30);

  styled_lines lines{{std::string(clip(printable(summary.title), width)), style::success}, {}};
  for (const sdk::summary_item& item : summary.items) {
    // A value is wrapped under itself, never cut: a summary may be all the operator gets to read.
    const std::string label = fit(printable(item.label) + ":", label_width + 1) + " ";
    const std::size_t room = width > columns(label) ? width - columns(label) : 1;
    std::vector<std::string> value = wrap(printable(item.value), room);
    if (value.empty()) value.emplace_back();
    for (std::size_t i = 0; i < value.size(); ++i)
      lines.push_back({std::string(clip((i == 0 ? label : std::string(columns(label), ' ')) + value[i], width)),
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
