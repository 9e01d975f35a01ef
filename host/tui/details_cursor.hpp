#pragma once
// The operator's place in the details pane once it has the focus: the row under the cursor on
// the page shown, the rows selected (by the values of the table's key column, so a selection
// survives paging, sorting and filtering), and the first column shown when the columns do not
// all fit.
#include <cstddef>
#include <string>
#include <vector>

namespace arbor::host::tui {

class details_cursor {
 public:
  /// Another node: the first row and column, nothing selected.
  void reset();

  /// The row under the cursor, counted on the page shown.
  std::size_t row() const noexcept { return row_; }
  /// Moves `by` rows on a page of `rows` rows. Returns 0 when the cursor stays on the page, else
  /// how far the move would go before the first row (negative) or after the last (positive),
  /// leaving the cursor at that end, so the caller can turn the page.
  std::ptrdiff_t move(std::ptrdiff_t by, std::size_t rows) noexcept;
  /// Puts the cursor on `row`, or on the last of `rows` rows when the page is shorter.
  void place(std::size_t row, std::size_t rows) noexcept;

  /// Selects the row named `key`, or drops it when it is selected; true when it is now selected.
  bool toggle(const std::string& key);
  /// The keys selected, in the order they were selected.
  const std::vector<std::string>& selection() const noexcept { return selected_; }
  void clear_selection() noexcept { selected_.clear(); }

  /// The first column shown.
  std::size_t first_column() const noexcept { return first_column_; }
  /// Scrolls `by` columns, staying within the `column_count` columns of the widest table; false
  /// when it could not move.
  bool scroll_columns(std::ptrdiff_t by, std::size_t column_count) noexcept;

 private:
  std::size_t row_{0};
  std::vector<std::string> selected_;
  std::size_t first_column_{0};
};

}  // namespace arbor::host::tui
