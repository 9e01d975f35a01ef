#pragma once
// A details or summary table as lines of aligned columns that fit a width: the widest columns
// shrink first (their cells end in an ellipsis), and when even that does not fit, the columns
// past the right edge are hidden and a marker on the heading says how many are on each side.
#include "host/tui/lines.hpp"

#include <arbor/sdk/node.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace arbor::host::tui {

/// No column shrinks below this (or below its own widest cell when that is narrower).
inline constexpr std::size_t min_column = 8;

/// Which columns of a table show at a width, and how wide each is.
struct column_fit {
  std::size_t first{0};             ///< the first column shown; the ones before are scrolled past
  std::vector<std::size_t> widths;  ///< the width of each column shown, from `first`
  std::string marker;               ///< "◂ 1 more  2 more ▸" on the heading; empty when all show
};

/// Fits the columns of `table` from `first_column` (clamped to the last column) into `width`:
/// when they all fit whole, each is as wide as its widest cell; otherwise each at most
/// `max_column`, the widest shrunk first down to min_column, then columns dropped from the right,
/// at least one always shown.
column_fit fit_columns(const sdk::table& table, std::size_t width, std::size_t first_column = 0,
                       std::size_t max_column = 40);

/// The heading line (with the hidden-columns marker at its end) and the given rows of `table`,
/// laid out by fit_columns(); every line at most `width` columns, plugin text made printable.
styled_lines format_table(const sdk::table& table, std::size_t width, std::size_t first_column = 0,
                          std::size_t max_column = 40);

}  // namespace arbor::host::tui
