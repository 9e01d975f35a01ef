#pragma once
// Text laid out for a pane before it is drawn: each line with the style it is drawn in. Screens
// build lines with plain functions (tested without a terminal) and line_view.hpp draws them.
#include <string>
#include <vector>

namespace arbor::host::tui {

/// How a line or a piece of text is drawn. Zero is deliberately unused.
enum class style : unsigned char {
  normal = 1,
  title,     ///< pane and table titles
  heading,   ///< column headings
  selected,  ///< the selection (reverse video)
  notice,    ///< a warning the operator should read first (highlighted)
  error,     ///< a failure (red)
  hint,      ///< key hints and secondary text (dim)
  success,   ///< a task that completed (green)
};

struct styled_line {
  std::string text;
  tui::style style{style::normal};
};

using styled_lines = std::vector<styled_line>;

}  // namespace arbor::host::tui
