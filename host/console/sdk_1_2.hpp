#pragma once
// SDK 1.2 made plugins two promises older ones never had: prepare() may be called again while a
// page is typed (live pages), and a Properties tab's wizard is prepared, validated and run more
// than once on one object (property sheets). Every front end gives both only to plugins whose
// manifest asks API 1.2 or later; older plugins' wizards run as they were written for.
#include "host/plugins/manifest.hpp"

namespace arbor::host {

inline bool built_for_sdk_1_2(const manifest& m) noexcept { return m.api_minor >= 2; }

}  // namespace arbor::host
