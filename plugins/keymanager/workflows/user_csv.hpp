#pragma once
// Reading new users from a CSV file: a header line "alias,display name,email", then one user a
// line. Fields may be quoted as in RFC 4180 ("Smith, Jo"). Blank lines are skipped; CRLF is
// accepted.
#include <filesystem>
#include <string_view>
#include <vector>

#include "workflows/new_user.hpp"

namespace arbor::km::workflows {

/// The users in `text`, each with origin "line N of <source>". The first broken line (wrong
/// header, wrong number of fields, an unterminated quote, an alias given twice, a field that
/// new_user refuses) is errc::bad_input naming that line; nothing is returned then.
std::vector<new_user> parse_user_csv(std::string_view text, std::string_view source);

/// Reads and parses a regular file of at most 64 MiB a line at a time (source: its file name);
/// a line over 64 KiB is errc::bad_input. errc::not_found or errc::io for the file.
std::vector<new_user> read_user_csv(const std::filesystem::path& path);

}  // namespace arbor::km::workflows
