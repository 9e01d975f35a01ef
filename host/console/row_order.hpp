#pragma once
// Ordering and filtering the rows of a details table the way an operator reads them, the same in
// every front end: numbers inside the text compare by value ("item-9" before "item-10", "2"
// before "10"), letters without regard to case; a filter matches any cell, ignoring ASCII case.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace arbor::host {

/// Which table of a details view is sorted, by which column, which way round.
struct sort_order {
  std::size_t table{0};
  std::size_t column{0};
  bool descending{false};

  bool operator==(const sort_order&) const = default;
};

/// Negative, zero or positive as `a` sorts before, with or after `b`: runs of digits by their
/// value, everything else byte by byte with ASCII letters folded to lower case.
int natural_compare(std::string_view a, std::string_view b) noexcept;

/// Sorts `rows` by cell `column` (a missing cell sorts first), stably, so rows that compare
/// equal keep the plugin's order.
void sort_rows(std::vector<std::vector<std::string>>& rows, std::size_t column, bool descending);

/// `needle` inside `text`, ignoring ASCII case (other bytes compare as they are, so UTF-8 text
/// still matches itself).
bool contains_folded(std::string_view text, std::string_view needle);

/// Whether a cell of `row` contains `filter` (contains_folded).
bool row_matches(const std::vector<std::string>& row, std::string_view filter);

}  // namespace arbor::host
