#include "common/utc_time.hpp"

#include <cstdio>
#include <ctime>

namespace arbor::km {
namespace {

std::string format(std::chrono::sys_seconds when, const char* pattern) {
  const std::time_t t = static_cast<std::time_t>(when.time_since_epoch().count());
  std::tm parts{};
  gmtime_r(&t, &parts);
  char text[64];
  const std::size_t size = std::strftime(text, sizeof text, pattern, &parts);
  return std::string(text, size);
}

}  // namespace

std::string utc_text(std::chrono::sys_seconds when) { return format(when, "%Y-%m-%d %H:%M:%S UTC"); }

std::string utc_compact(std::chrono::sys_seconds when) { return format(when, "%Y%m%dT%H%M%SZ"); }

std::string utc_rfc3339(std::chrono::sys_seconds when) { return format(when, "%Y-%m-%dT%H:%M:%SZ"); }

std::optional<std::chrono::sys_seconds> parse_utc_rfc3339(std::string_view text) {
  std::tm parts{};
  int consumed = 0;
  const std::string copy(text);
  const int n = std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &parts.tm_year, &parts.tm_mon,
                            &parts.tm_mday, &parts.tm_hour, &parts.tm_min, &parts.tm_sec, &consumed);
  if (n != 6 || static_cast<std::size_t>(consumed) != copy.size()) return std::nullopt;
  parts.tm_year -= 1900;
  parts.tm_mon -= 1;
  const std::chrono::sys_seconds when{std::chrono::seconds(timegm(&parts))};
  // Formatting back refuses what timegm normalized (month 13, day 32) and variant spellings.
  if (utc_rfc3339(when) != copy) return std::nullopt;
  return when;
}

}  // namespace arbor::km
