#pragma once
// Checks across manifests, which no single manifest can make: unique plugin ids, node paths
// contributed by one plugin only, actions that target node types some plugin declares (another
// plugin's only when it is named under "extends"), and extensions whose base plugin is there.
#include "host/plugins/plugin_registry.hpp"

#include <functional>
#include <vector>

namespace arbor::host {

/// Called for each manifest found in conflict, with the reason.
using fail_plugin = std::function<void(plugin_status&, sdk::error)>;

/// Fails, through `fail`, every healthy manifest that repeats an earlier manifest's id or node
/// path (the first one, in discovery order, wins), and every one whose "extends" form a cycle.
/// Then, until nothing changes (a manifest that fails or goes inactive takes its node types
/// away): makes inactive, through `deactivate`, every extension whose base plugin is missing,
/// unusable or older than its min_version; and fails every manifest with an action on a node
/// type no healthy manifest declares, or on another plugin's node type without naming that
/// plugin under "extends".
void fail_conflicting(std::vector<plugin_status>& plugins, const fail_plugin& fail, const fail_plugin& deactivate);

}  // namespace arbor::host
