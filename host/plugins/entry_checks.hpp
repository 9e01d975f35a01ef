#pragma once
// The contract between a manifest and its library, checked before any plugin object exists.
#include "plugins/manifest.hpp"

#include <arbor/sdk/entry.hpp>

#include <filesystem>

namespace arbor::host {

/// Checks, in this order: the entry struct is at least as large as version 1's; API major equals
/// the host's; API minor is not newer than the host's; id and version equal the manifest's; every
/// action the manifest declares has a handler; the factory is present. The error names the
/// library, what differs and what to do (the caller adds the manifest file).
sdk::result<void> check_entry(const sdk::plugin_entry& entry, const manifest& m, const std::filesystem::path& library);

}  // namespace arbor::host
