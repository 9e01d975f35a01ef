#pragma once
// The web console's file picker, on the server: what one directory holds, for a path field of a
// shown page. Only names and whether each is a directory or a regular file: never sizes, dates or
// contents (choosing a name needs none of them, and what a file is worth is the plugin's to say
// in its info lines). Symbolic links are not followed: a directory asked for must not be one, and
// links inside are left out like FIFOs, sockets and devices, which no field takes either.
#include <arbor/sdk/error.hpp>

#include <boost/json/object.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace arbor::host::web {

/// Most entries listed (the rest is cut, and said so); most entries read from one directory.
inline constexpr std::size_t max_listed_entries = 500;
inline constexpr std::size_t max_read_entries = 20000;
/// The longest directory path taken (Linux's PATH_MAX).
inline constexpr std::size_t max_listed_path = 4096;

/// {"dir": absolute path, "parent": its parent or null at the root, "entries": [{"name", "path",
/// "kind": "directory" | "file"}], "cut": bool}: directories first, then files, each by name;
/// hidden names (a leading '.') and names with control characters or that are not UTF-8 left out.
/// `dir` empty: the console's working directory; a relative one is taken from there, as a
/// relative answer is. Refused: control characters, over max_listed_path, a path that is not a
/// directory or is a symbolic link (invalid_input), missing (not_found), unreadable (denied).
sdk::result<boost::json::object> list_directory(std::string_view dir);

/// The same shape for a field with the plugin's suggestions: "dir" and "parent" null, one entry
/// of kind "suggestion" per suggestion (name and path are the suggestion), in the plugin's order.
boost::json::object list_suggestions(const std::vector<std::string>& suggestions);

}  // namespace arbor::host::web
