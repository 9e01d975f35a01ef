#pragma once
// The contract between a manifest, its library and this console, checked before any plugin
// object exists.
#include "host/plugins/manifest.hpp"

#include <arbor/sdk/entry.hpp>

#include <filesystem>

namespace arbor::host {

/// Checks, in this order: the entry struct is at least as large as version 1's; API major equals
/// the host's; API minor is not newer than the host's; id and version equal the manifest's; every
/// action the manifest declares has a handler; the factory is present. The error names the
/// library, what differs and what to do (the caller adds the manifest file).
sdk::result<void> check_entry(const sdk::plugin_entry& entry, const manifest& m, const std::filesystem::path& library);

/// Checks what a manifest asks for before its library is opened: an SDK API of this console's
/// major and a minor not newer than its own. A manifest asking for more fails at discovery with
/// the file, both versions and what to do, instead of loading and failing later.
sdk::result<void> check_manifest_api(const manifest& m);

/// The entry's row_selection_of (SDK 1.2), or nullptr when the entry is too small to hold it (a
/// plugin built for 1.0 or 1.1) or the plugin offers no row selection.
using row_selection_getter = sdk::row_selection* (*)(sdk::plugin*);
row_selection_getter row_selection_of(const sdk::plugin_entry& entry) noexcept;

}  // namespace arbor::host
