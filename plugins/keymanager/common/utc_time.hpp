#pragma once
// Unix seconds (how kms.db stores every time) rendered for people and for file names.
#include <cstdint>
#include <string>

namespace arbor::km {

// "2024-03-01 14:05:09 UTC": for messages to operators.
std::string utc_text(std::int64_t unix_seconds);

// "20240301T140509Z" (ISO 8601 basic): sorts by time, safe in file names.
std::string utc_compact(std::int64_t unix_seconds);

}  // namespace arbor::km
