#pragma once
// Drawing laid-out lines into a part of the screen, and a full-screen pager for them (the
// Plugins view, the log, a task's summary).
#include "host/tui/lines.hpp"

#include <cstddef>
#include <functional>
#include <string>

namespace arbor::host::tui {

/// Draws `lines` from `first` into the rectangle, one per row, padding each row.
void draw_lines(const styled_lines& lines, std::size_t first, int top, int left, int height, int width);

/// Lays out the lines of a pager for a width; called again after the terminal is resized.
using line_builder = std::function<styled_lines(std::size_t width)>;

/// A full-screen pager: `title` on top, the lines scrolled with arrows, PgUp / PgDn, Home / End,
/// closed with Enter, Esc or q (or SIGINT / SIGTERM).
void show_pager(const std::string& title, const line_builder& build);

}  // namespace arbor::host::tui
