#pragma once
// A wizard page laid out as lines: title, description, info lines, the refusal of the last
// attempt (red), then each field with its input. Secret fields show only '*'. A list shows the
// rows of its window, with lines saying how many options are above and below it, and under a
// search a line with the search and how many options match it. A path field whose Tab listed
// matches shows them under its input.
#include "host/tui/lines.hpp"
#include "host/tui/page_form.hpp"

#include <arbor/sdk/error.hpp>

#include <cstddef>
#include <optional>

namespace arbor::host::tui {

struct page_layout {
  styled_lines lines;
  std::size_t focus_line{0};  ///< the line of the focused field's label, to keep it in view
  std::size_t focus_end{0};   ///< the last line of the focused field: its input, then its help
  std::optional<std::size_t> highlight_line;  ///< the focused list's highlighted option
  std::size_t info_begin{0};  ///< the page's info lines: [info_begin, info_end)
  std::size_t info_end{0};
  /// Where the text cursor goes (line, column) when a text, path or secret field has the focus.
  std::optional<std::pair<std::size_t, std::size_t>> cursor;
};

/// Lays out `form` for `width` columns; `problem` is the refusal to show, if any.
page_layout layout_page(const page_form& form, const sdk::error* problem, std::size_t width);

/// The button row: "[ Back ]  [ Next ]  [ Cancel ]" ("Finish" on the last page), as pieces
/// with their styles: the focused one selected, Back dimmed on the first page.
std::vector<styled_line> button_row(const page_form& form);

}  // namespace arbor::host::tui
