#include "host/tui/line_view.hpp"

#include "host/tui/draw.hpp"
#include "host/tui/key_input.hpp"

#include <algorithm>

namespace arbor::host::tui {

void draw_lines(const styled_lines& lines, std::size_t first, int top, int left, int height, int width) {
  for (int row = 0; row < height; ++row) {
    const std::size_t index = first + static_cast<std::size_t>(row);
    if (index < lines.size())
      put(top + row, left, lines[index].text, width, lines[index].style, true);
    else
      put(top + row, left, "", width, style::normal, true);
  }
}

void show_pager(const std::string& title, const line_builder& build) {
  std::size_t first = 0;
  for (;;) {
    const int rows = screen_rows();
    const int cols = screen_cols();
    const int height = std::max(rows - 2, 1);
    const styled_lines lines = build(static_cast<std::size_t>(std::max(cols - 2, 1)));
    const std::size_t last_first = lines.size() > static_cast<std::size_t>(height) ? lines.size() - height : 0;
    first = std::min(first, last_first);

    clear_screen();
    put(0, 0, " " + title, cols, style::selected, true);
    draw_lines(lines, first, 1, 1, height, cols - 2);
    const std::string position = lines.empty() ? "" : "  lines " + std::to_string(first + 1) + "-" +
                                                         std::to_string(std::min(lines.size(), first + height)) +
                                                         " of " + std::to_string(lines.size());
    put(rows - 1, 0, " Up/Down PgUp/PgDn scroll   Enter/Esc/q close" + position, cols, style::hint, true);
    place_cursor(-1, 0);
    flush();

    const key_event k = read_key();
    const auto page = static_cast<std::size_t>(height);
    switch (k.code) {
      case key::up: first -= first > 0 ? 1 : 0; break;
      case key::down: first = std::min(first + 1, last_first); break;
      case key::page_up: first -= std::min(first, page); break;
      case key::page_down: first = std::min(first + page, last_first); break;
      case key::home: first = 0; break;
      case key::end: first = last_first; break;
      case key::enter:
      case key::escape:
      case key::interrupt: return;
      default:
        if (k.is(U'q')) return;
    }
  }
}

}  // namespace arbor::host::tui
