#pragma once
// What a page with a user pattern (Export Users, Revoke Certificates) shows while the pattern is
// typed (SDK 1.2 live pages): how many users it matches and the first of them.
#include <string>
#include <vector>

#include "workflows/user_selection.hpp"

namespace arbor::km::wizards {

// The first this many matching aliases are shown.
inline constexpr std::size_t previewed_aliases = 5;

// "The pattern 'al*' matches 7 users:", one line per alias found, "... and 2 more".
std::vector<std::string> pattern_preview(const std::string& pattern, const workflows::pattern_matches& found);

}  // namespace arbor::km::wizards
