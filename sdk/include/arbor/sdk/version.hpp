#pragma once
// The SDK's API version. A plugin records the version it was built against in its entry point;
// the host loads it when the major versions are equal and the plugin's minor is not newer than
// the host's. Minors only add (services, appended entry fields), so a plugin built for 1.N keeps
// loading on every host 1.M with M >= N. Since 1.0.
#include <cstdint>

namespace arbor::sdk {

inline constexpr std::uint16_t api_major = 1;
inline constexpr std::uint16_t api_minor = 2;  ///< 1.1: plugin_services, audit_trail
                                              ///< 1.2: help texts, row selection, live pages

}  // namespace arbor::sdk
