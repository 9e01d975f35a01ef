#pragma once
// Timestamps in payloads: RFC 3339 UTC with whole seconds ("2025-03-01T12:00:00Z").
#include <chrono>
#include <string>
#include <string_view>

namespace arbor::km::transfer {

std::string to_rfc3339(std::chrono::system_clock::time_point when);
// Throws errc::corrupt naming `field` when `text` is not exactly that form.
std::chrono::system_clock::time_point from_rfc3339(std::string_view text, std::string_view field);

}  // namespace arbor::km::transfer
