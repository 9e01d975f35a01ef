#pragma once
// The one place times become text and text becomes a time: for people, for file names and for
// transfer files. Every time is whole seconds of UTC.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace arbor::km {

// "2024-03-01 14:05:09 UTC": for messages to operators.
std::string utc_text(std::chrono::sys_seconds when);

// "20240301T140509Z" (ISO 8601 basic): sorts by time, safe in file names.
std::string utc_compact(std::chrono::sys_seconds when);

// "2024-03-01T14:05:09Z" (RFC 3339, UTC, whole seconds): in transfer files.
std::string utc_rfc3339(std::chrono::sys_seconds when);

// The time `text` spells in exactly the form utc_rfc3339 writes; nullopt for any other text,
// out-of-range fields (month 13, day 32) or variant spellings, so each instant has one text.
std::optional<std::chrono::sys_seconds> parse_utc_rfc3339(std::string_view text);

}  // namespace arbor::km
