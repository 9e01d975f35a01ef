#pragma once
// The progress dialog's text: a bar of cells and the "done/total" count.
#include <cstddef>
#include <cstdint>
#include <string>

namespace arbor::host::tui {

/// `width` cells between brackets: '#' for the part done, '-' for the rest; all '?' when `total`
/// is 0 (unknown), so the bar never claims more than it knows.
std::string progress_bar(std::uint64_t done, std::uint64_t total, std::size_t width);

/// "3/5", or "3" when the total is unknown.
std::string progress_count(std::uint64_t done, std::uint64_t total);

}  // namespace arbor::host::tui
