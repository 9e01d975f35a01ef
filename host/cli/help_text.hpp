#pragma once
// The text of `arbor --help` and of each subcommand's --help.
#include <string>
#include <string_view>

namespace arbor::host::cli {

/// Help for `command` (empty: the overview with every command and the exit codes).
std::string help_text(std::string_view command);

}  // namespace arbor::host::cli
