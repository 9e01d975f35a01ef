#pragma once
// The SDK's API version. A plugin records the version it was built against in its entry point;
// the host loads it when the major versions are equal and the plugin's minor is not newer than
// the host's. Since 1.0.
#include <cstdint>

namespace arbor::sdk {

inline constexpr std::uint16_t api_major = 1;
inline constexpr std::uint16_t api_minor = 0;

}  // namespace arbor::sdk
