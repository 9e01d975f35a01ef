#include "host/tui/viewport.hpp"

#include <algorithm>

namespace arbor::host::tui {

std::size_t scroll_to_show(std::size_t first, std::size_t selected, std::size_t height, std::size_t count) noexcept {
  if (height == 0 || count <= height) return 0;
  first = std::min(first, count - height);  // the pane grew, or the list shrank
  if (selected < first) return selected;
  if (selected >= first + height) return selected + 1 - height;
  return first;
}

}  // namespace arbor::host::tui
