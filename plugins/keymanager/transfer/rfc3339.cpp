#include "transfer/rfc3339.hpp"

#include <cstdio>
#include <ctime>

#include "common/km_error.hpp"

namespace arbor::km::transfer {

std::string to_rfc3339(std::chrono::system_clock::time_point when) {
  const std::time_t t = std::chrono::system_clock::to_time_t(
      std::chrono::time_point_cast<std::chrono::seconds>(when));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

std::chrono::system_clock::time_point from_rfc3339(std::string_view text, std::string_view field) {
  std::tm tm{};
  int consumed = 0;
  const std::string copy(text);
  const int n = std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &tm.tm_year, &tm.tm_mon,
                            &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &consumed);
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  // Round-tripping through the formatter rejects out-of-range fields (month 13, day 32) and any
  // variant spelling, so each instant has exactly one accepted text.
  const std::time_t t = timegm(&tm);
  if (n != 6 || static_cast<std::size_t>(consumed) != copy.size() ||
      to_rfc3339(std::chrono::system_clock::from_time_t(t)) != copy) {
    throw error(errc::corrupt, "the transfer file is damaged: field \"" + std::string(field) +
                                   "\" is not a UTC time like 2025-03-01T12:00:00Z");
  }
  return std::chrono::system_clock::from_time_t(t);
}

}  // namespace arbor::km::transfer
