#pragma once
// Console tree paths: segments joined by '/', case-sensitive, any other character allowed
// (spaces, quotes, unicode), optionally starting with "Console Root".
#include <string>
#include <string_view>
#include <vector>

namespace arbor::host {

/// Name of the tree's root, shown first and accepted as a path prefix.
inline constexpr std::string_view console_root_name = "Console Root";

/// Drops a leading "Console Root" segment: "Console Root/A/B" -> "A/B", "Console Root" -> "".
std::string_view relative_path(std::string_view path) noexcept;

/// The non-empty segments of `path` ("A//B/" -> {"A", "B"}), after relative_path().
std::vector<std::string> split_path(std::string_view path);

/// The path as operators read it: "Console Root/A/B" for "A/B", "Console Root" for "".
std::string display_path(std::string_view relative);

}  // namespace arbor::host
