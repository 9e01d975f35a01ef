#pragma once
// The summary screen of a finished task as lines: its items (label in a column as wide as the
// longest one allows, value beside it, both wrapped and never cut, then the details indented)
// and its results table.
#include "host/tui/lines.hpp"

#include <arbor/sdk/wizard.hpp>

#include <cstddef>

namespace arbor::host::tui {

styled_lines summary_lines(const sdk::summary& summary, std::size_t width);

}  // namespace arbor::host::tui
