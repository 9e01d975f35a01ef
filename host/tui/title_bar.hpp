#pragma once
// The console's title bar says which console this is. The host knows no plugin's server, but it
// knows the data directory it was started on (--data-dir), where plugins such as the Key Manager
// keep their state: two consoles on two directories are told apart at a glance.
#include <cstddef>
#include <filesystem>
#include <string>

namespace arbor::host::tui {

/// " Arbor console - data directory /abs/dir" (relative paths made absolute) in at most `width`
/// columns, escaped for the terminal; a directory too long keeps its end behind "...". Without
/// --data-dir (`data_dir` empty), each plugin's own directory under ./var is meant, and said.
std::string title_text(const std::filesystem::path& data_dir, std::size_t width);

}  // namespace arbor::host::tui
