#pragma once
// Comparing plugin versions, for an extension's "min_version" of the plugin it extends.
#include <string_view>

namespace arbor::host {

/// True for dotted whole numbers: "1", "0.2.0".
bool is_dotted_version(std::string_view text) noexcept;

/// Whether `version` is `minimum` or newer, comparing dot-separated parts as numbers (a missing
/// part counts as 0; a part's leading digits count, so "1.2.0-rc1" is 1.2.0). `minimum` must be
/// dotted numbers.
bool version_at_least(std::string_view version, std::string_view minimum);

}  // namespace arbor::host
