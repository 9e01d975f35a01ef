#include "host/tui/summary_lines.hpp"

#include "host/tui/table_format.hpp"
#include "host/tui/text.hpp"

#include <algorithm>
#include <vector>

namespace arbor::host::tui {
namespace {

/// Columns a value keeps beside the labels, however long a label is.
constexpr std::size_t min_value_columns = 20;

/// The labels' column: as wide as the longest label and its ':' where the width leaves a value
/// its room (or half the width on a narrow screen), else as wide as that (longer labels wrap).
std::size_t label_columns(const sdk::summary& summary, std::size_t width) {
  std::size_t longest = 0;
  for (const sdk::summary_item& item : summary.items) longest = std::max(longest, columns(printable(item.label)) + 1);
  const std::size_t most = std::max({width / 2, width > min_value_columns + 1 ? width - min_value_columns - 1 : 0, std::size_t{1}});
  return std::min(longest, most);
}

}  // namespace

styled_lines summary_lines(const sdk::summary& summary, std::size_t width) {
  const std::size_t label_width = label_columns(summary, width);
  const std::size_t value_width = width > label_width + 1 ? width - label_width - 1 : 1;

  styled_lines lines{{std::string(clip(printable(summary.title), width)), style::success}, {}};
  for (const sdk::summary_item& item : summary.items) {
    // Neither a label nor a value is ever cut, only wrapped: a summary may be all the operator
    // gets to read.
    std::vector<std::string> label = wrap(printable(item.label) + ":", label_width);
    std::vector<std::string> value = wrap(printable(item.value), value_width);
    const std::size_t rows = std::max({label.size(), value.size(), std::size_t{1}});
    label.resize(rows);
    value.resize(rows);
    for (std::size_t i = 0; i < rows; ++i) {
      std::string line = fit(label[i], label_width) + " " + value[i];
      line.erase(line.find_last_not_of(' ') + 1);
      lines.push_back({std::move(line), style::normal});
    }
    for (const std::string& detail : item.details)
      for (std::string& line : wrap(printable(detail), width > 4 ? width - 4 : 1))
        lines.push_back({"    " + line, style::hint});
  }
  if (summary.results) {
    lines.push_back({});
    lines.push_back({std::string(clip(printable(summary.results->title), width)), style::title});
    for (styled_line& line : format_table(*summary.results, width)) lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace arbor::host::tui
