#pragma once
// Checks across manifests, which no single manifest can make: unique plugin ids, node paths
// contributed by one plugin only, and actions that target node types some plugin declares.
#include "plugins/plugin_registry.hpp"

#include <functional>
#include <vector>

namespace arbor::host {

/// Called for each manifest found in conflict, with the reason.
using fail_plugin = std::function<void(plugin_status&, sdk::error)>;

/// Fails, through `fail`, every healthy manifest that repeats an earlier manifest's id or node
/// path (the first one, in discovery order, wins), then every one with an action on a node type
/// no healthy manifest declares, until no more fail (a failed manifest's node types leave the tree).
void fail_conflicting(std::vector<plugin_status>& plugins, const fail_plugin& fail);

}  // namespace arbor::host
