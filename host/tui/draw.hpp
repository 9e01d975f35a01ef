#pragma once
// Drawing on the terminal: styled text clipped to a width, boxes, and the screen's size. Every
// screen draws through these, so text from plugins is always made printable and clipped.
#include "host/tui/lines.hpp"

#include <string_view>

namespace arbor::host::tui {

/// Sets up the styles once the screen is up: in colour when the terminal has colours and
/// NO_COLOR is not set, otherwise with attributes only (bold, underline, reverse).
void init_styles();

/// Terminal size in rows and columns.
int screen_rows();
int screen_cols();

/// `text` at row `y`, column `x`, in `style`, clipped to `width` columns; `pad` fills the rest of
/// the width with spaces in the same style.
void put(int y, int x, std::string_view text, int width, style s, bool pad = false);

/// A framed box with `title` in its top border, its inside cleared.
void frame(int y, int x, int height, int width, std::string_view title);

/// Clears the whole screen (drawn on the next flush()).
void clear_screen();

/// Shows the cursor at (`y`, `x`), or hides it when `y` is negative.
void place_cursor(int y, int x);

/// Sends what was drawn to the terminal.
void flush();

}  // namespace arbor::host::tui
