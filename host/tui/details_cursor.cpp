#include "host/tui/details_cursor.hpp"

#include <algorithm>

namespace arbor::host::tui {

void details_cursor::reset() {
  row_ = 0;
  selected_.clear();
  first_column_ = 0;
}

std::ptrdiff_t details_cursor::move(std::ptrdiff_t by, std::size_t rows) noexcept {
  const auto last = static_cast<std::ptrdiff_t>(rows == 0 ? 0 : rows - 1);
  const std::ptrdiff_t target = static_cast<std::ptrdiff_t>(row_) + by;
  row_ = static_cast<std::size_t>(std::clamp<std::ptrdiff_t>(target, 0, last));
  if (target < 0) return target;
  return target > last ? target - last : 0;
}

void details_cursor::place(std::size_t row, std::size_t rows) noexcept { row_ = rows == 0 ? 0 : std::min(row, rows - 1); }

bool details_cursor::toggle(const std::string& key) {
  if (auto it = std::find(selected_.begin(), selected_.end(), key); it != selected_.end()) {
    selected_.erase(it);
    return false;
  }
  selected_.push_back(key);
  return true;
}

bool details_cursor::scroll_columns(std::ptrdiff_t by, std::size_t column_count) noexcept {
  const auto last = static_cast<std::ptrdiff_t>(column_count == 0 ? 0 : column_count - 1);
  const std::ptrdiff_t wanted = static_cast<std::ptrdiff_t>(first_column_) + by;
  const auto next = static_cast<std::size_t>(std::clamp<std::ptrdiff_t>(wanted, 0, last));
  if (next == first_column_) return false;
  first_column_ = next;
  return true;
}

}  // namespace arbor::host::tui
