#include "common/utc_time.hpp"

#include <ctime>

namespace arbor::km {
namespace {

std::string format(std::int64_t unix_seconds, const char* pattern) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm parts{};
  gmtime_r(&t, &parts);
  char text[64];
  const std::size_t size = std::strftime(text, sizeof text, pattern, &parts);
  return std::string(text, size);
}

}  // namespace

std::string utc_text(std::int64_t unix_seconds) {
  return format(unix_seconds, "%Y-%m-%d %H:%M:%S UTC");
}

std::string utc_compact(std::int64_t unix_seconds) {
  return format(unix_seconds, "%Y%m%dT%H%M%SZ");
}

}  // namespace arbor::km
