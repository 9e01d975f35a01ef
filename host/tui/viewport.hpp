#pragma once
// Scrolling a list in a pane of fixed height so the selected line stays visible.
#include <cstddef>

namespace arbor::host::tui {

/// The first line to show of `count` lines in `height` rows, given the previous first line and
/// the selected line: unchanged while the selection is visible, otherwise just enough to show it.
std::size_t scroll_to_show(std::size_t first, std::size_t selected, std::size_t height, std::size_t count) noexcept;

}  // namespace arbor::host::tui
