#include "plugins/manifest_conflicts.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>

namespace arbor::host {
namespace {

bool healthy(const plugin_status& p) { return p.state != plugin_state::failed && p.manifest.has_value(); }

void fail_repeated_ids(std::vector<plugin_status>& plugins, const fail_plugin& fail) {
  std::map<std::string, std::string, std::less<>> first_file;
  for (plugin_status& p : plugins) {
    if (!healthy(p)) continue;
    auto [earlier, fresh] = first_file.emplace(p.id, p.manifest_file.string());
    if (fresh) continue;
    fail(p, sdk::fail(sdk::reason::conflict, p.manifest_file.string() + ": duplicate plugin id '" + p.id +
                                                 "' also declared by " + earlier->second +
                                                 ": remove one of the two manifests, or give this plugin its own id"));
  }
}

void fail_colliding_nodes(std::vector<plugin_status>& plugins, const fail_plugin& fail) {
  std::map<std::string, const plugin_status*, std::less<>> owner;
  for (plugin_status& p : plugins) {
    if (!healthy(p)) continue;
    auto taken = std::find_if(p.manifest->nodes.begin(), p.manifest->nodes.end(),
                              [&](const node_decl& n) { return owner.contains(n.path); });
    if (taken == p.manifest->nodes.end()) {
      for (const node_decl& n : p.manifest->nodes) owner.emplace(n.path, &p);
      continue;
    }
    const plugin_status& other = *owner.at(taken->path);
    fail(p, sdk::fail(sdk::reason::conflict, p.manifest_file.string() + ": node '" + taken->path +
                                                 "' is already contributed by plugin '" + other.id + "' (" +
                                                 other.manifest_file.string() +
                                                 "): choose another node path, or remove one of the plugins"));
  }
}

/// One pass; true when it failed a manifest, so the node types may have changed.
bool fail_unknown_node_types(std::vector<plugin_status>& plugins, const fail_plugin& fail) {
  std::set<std::string, std::less<>> types;
  for (const plugin_status& p : plugins) {
    if (!healthy(p)) continue;
    for (const node_decl& n : p.manifest->nodes) types.insert(n.type);
  }
  bool failed_any = false;
  for (plugin_status& p : plugins) {
    if (!healthy(p)) continue;
    auto orphan = std::find_if(p.manifest->actions.begin(), p.manifest->actions.end(),
                               [&](const action_decl& a) { return !types.contains(a.node_type); });
    if (orphan == p.manifest->actions.end()) continue;
    fail(p, sdk::fail(sdk::reason::invalid_input,
                      p.manifest_file.string() + ": action '" + orphan->id + "' is on node type '" +
                          orphan->node_type + "', which no loaded manifest declares: fix its node_type, or install "
                          "the plugin that provides that node type"));
    failed_any = true;
  }
  return failed_any;
}

}  // namespace

void fail_conflicting(std::vector<plugin_status>& plugins, const fail_plugin& fail) {
  fail_repeated_ids(plugins, fail);
  fail_colliding_nodes(plugins, fail);
  while (fail_unknown_node_types(plugins, fail)) {
  }
}

}  // namespace arbor::host
