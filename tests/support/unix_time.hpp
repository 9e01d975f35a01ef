#pragma once
// Instants as tests write them (Unix seconds) and as the Key Manager holds them
// (std::chrono::sys_seconds), and how Boost.Test prints the latter.
#include <chrono>
#include <cstdint>
#include <ostream>

namespace arbor::test {

inline std::chrono::sys_seconds unix_time(std::int64_t seconds) {
  return std::chrono::sys_seconds(std::chrono::seconds(seconds));
}

}  // namespace arbor::test

// Found by argument-dependent lookup when BOOST_TEST compares two times (g++ 12's standard
// library has no operator<< for them yet).
namespace std::chrono {
inline std::ostream& boost_test_print_type(std::ostream& out, const sys_seconds& when) {
  return out << when.time_since_epoch().count() << " (Unix seconds)";
}
}  // namespace std::chrono
