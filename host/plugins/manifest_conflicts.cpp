#include "host/plugins/manifest_conflicts.hpp"

#include "host/plugins/plugin_version.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>

namespace arbor::host {
namespace {

bool healthy(const plugin_status& p) {
  return p.state != plugin_state::failed && p.state != plugin_state::inactive && p.manifest.has_value();
}

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

const plugin_status* healthy_named(const std::vector<plugin_status>& plugins, std::string_view id) {
  auto it = std::find_if(plugins.begin(), plugins.end(), [&](const plugin_status& p) { return healthy(p) && p.id == id; });
  return it == plugins.end() ? nullptr : &*it;
}

/// Whether following "extends" from `p` comes back to `p`.
bool extends_itself(const std::vector<plugin_status>& plugins, const plugin_status& p) {
  std::set<std::string, std::less<>> seen;
  std::vector<std::string> todo;
  for (const extends_decl& e : p.manifest->extends) todo.push_back(e.plugin);
  while (!todo.empty()) {
    const std::string id = todo.back();
    todo.pop_back();
    if (id == p.id) return true;
    const plugin_status* base = healthy_named(plugins, id);
    if (base == nullptr || !seen.insert(id).second) continue;
    for (const extends_decl& e : base->manifest->extends) todo.push_back(e.plugin);
  }
  return false;
}

void fail_extension_cycles(std::vector<plugin_status>& plugins, const fail_plugin& fail) {
  std::vector<plugin_status*> cyclic;
  for (plugin_status& p : plugins)
    if (healthy(p) && extends_itself(plugins, p)) cyclic.push_back(&p);
  for (plugin_status* p : cyclic) {
    fail(*p, sdk::fail(sdk::reason::invalid_input, p->manifest_file.string() + ": its \"extends\" lead back to plugin '" +
                                                       p->id + "' itself: an extension cannot extend its own extensions; "
                                                       "remove one of the \"extends\" entries"));
  }
}

/// Why `base` cannot serve as the base of an extension, or "" when it can.
std::string unusable_base(const std::vector<plugin_status>& plugins, const extends_decl& base) {
  const plugin_status* found = healthy_named(plugins, base.plugin);
  if (found != nullptr) {
    if (base.min_version.empty() || version_at_least(found->manifest->version, base.min_version)) return {};
    return "it extends " + base.plugin + " " + base.min_version + " or newer, but version " + found->manifest->version +
           " is installed: update " + base.plugin;
  }
  auto named = std::find_if(plugins.begin(), plugins.end(), [&](const plugin_status& p) { return p.id == base.plugin; });
  if (named == plugins.end())
    return "it extends the plugin " + base.plugin + ", which is not installed: install " + base.plugin +
           ", or remove this extension";
  return "it extends the plugin " + base.plugin + ", which is " + to_string(named->state) + " (" +
         named->error.message + ")";
}

/// One pass; true when it made an extension inactive.
bool deactivate_orphaned_extensions(std::vector<plugin_status>& plugins, const fail_plugin& deactivate) {
  bool changed = false;
  for (plugin_status& p : plugins) {
    if (!healthy(p)) continue;
    for (const extends_decl& base : p.manifest->extends) {
      const std::string why = unusable_base(plugins, base);
      if (why.empty()) continue;
      deactivate(p, sdk::fail(sdk::reason::not_found, p.manifest_file.string() + ": " + why));
      changed = true;
      break;
    }
  }
  return changed;
}

/// The problem with `action` of `p`, given which healthy plugin declares each node type; "" if none.
std::string action_problem(const plugin_status& p, const action_decl& action,
                           const std::map<std::string, std::string, std::less<>>& type_owner) {
  auto owner = type_owner.find(action.node_type);
  if (owner == type_owner.end()) {
    return "action '" + action.id + "' is on node type '" + action.node_type +
           "', which no loaded manifest declares: fix its node_type, or install the plugin that provides that node type";
  }
  const std::string& base = owner->second;
  if (base == p.id) return {};
  const auto& extends = p.manifest->extends;
  if (std::any_of(extends.begin(), extends.end(), [&](const extends_decl& e) { return e.plugin == base; })) return {};
  return "action '" + action.id + "' is on node type '" + action.node_type + "' of the plugin " + base +
         ", which this manifest does not extend: add {\"plugin\": \"" + base + "\"} to its \"extends\"";
}

/// One pass; true when it failed a manifest, so the node types may have changed.
bool fail_misplaced_actions(std::vector<plugin_status>& plugins, const fail_plugin& fail) {
  std::map<std::string, std::string, std::less<>> type_owner;
  for (const plugin_status& p : plugins) {
    if (!healthy(p)) continue;
    for (const node_decl& n : p.manifest->nodes) type_owner.emplace(n.type, p.id);
  }
  bool failed_any = false;
  for (plugin_status& p : plugins) {
    if (!healthy(p)) continue;
    for (const action_decl& action : p.manifest->actions) {
      const std::string problem = action_problem(p, action, type_owner);
      if (problem.empty()) continue;
      fail(p, sdk::fail(sdk::reason::invalid_input, p.manifest_file.string() + ": " + problem));
      failed_any = true;
      break;
    }
  }
  return failed_any;
}

}  // namespace

void fail_conflicting(std::vector<plugin_status>& plugins, const fail_plugin& fail, const fail_plugin& deactivate) {
  fail_repeated_ids(plugins, fail);
  fail_colliding_nodes(plugins, fail);
  fail_extension_cycles(plugins, fail);
  while (deactivate_orphaned_extensions(plugins, deactivate) || fail_misplaced_actions(plugins, fail)) {
  }
}

}  // namespace arbor::host
