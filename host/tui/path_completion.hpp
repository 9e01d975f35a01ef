#pragma once
// Tab completion of a path field. A field with suggestions (SDK 1.2: the `options` of a path
// field, such as the transfer files a plugin found in its own directory) completes from them
// only, since the plugin knows what its relative names are relative to; any other path field
// completes from the file names in the directory the typed text names (relative to the
// console's working directory), like a shell.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace arbor::host::tui {

struct path_completion {
  std::string text;                     ///< the typed text, extended as far as every match agrees
  std::vector<std::string> candidates;  ///< the matching names, sorted, at most max_candidates
  std::size_t matches{0};               ///< how many names match in all
};

/// Most candidates kept for listing; most directory entries looked at.
inline constexpr std::size_t max_candidates = 50;
inline constexpr std::size_t max_directory_entries = 4096;

/// Completes `typed`. A directory found on the file system is completed with a trailing '/'.
/// Names with control characters are never offered (they could not be typed or shown).
path_completion complete_path(std::string_view typed, const std::vector<std::string>& suggestions);

}  // namespace arbor::host::tui
