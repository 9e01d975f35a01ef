#pragma once
// The context menu of a node: every action any manifest declares for the node's type, so a
// plugin can add tasks and tabs to another plugin's nodes (extension snap-ins).
#include "host/console/console_tree.hpp"
#include "host/plugins/manifest.hpp"

#include <arbor/sdk/error.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace arbor::host {

/// One menu entry and the plugin that handles it.
struct menu_entry {
  std::string action_id;
  std::string label;
  std::string slot;       ///< "All Tasks" or "Properties"
  std::string plugin_id;  ///< the plugin to open the action with
  bool extension{false};  ///< declared by a plugin other than the node's owner
  std::string help{};     ///< the manifest's longer help text; empty when it gives none
  std::vector<std::pair<std::string, std::string>> sheet_answers{};  ///< see action_decl

  /// "plugin-id:action-id", which names the entry even when two plugins use the same action id.
  std::string qualified_id() const { return plugin_id + ':' + action_id; }
};

/// An action an inactive extension would add to a node, and why it does not.
struct inactive_entry {
  std::string action_id;
  std::string label;
  std::string slot;
  std::string plugin_id;
  std::string reason;
};

/// A node's menu, grouped by slot: the node's own plugin's actions, then extensions' actions, each
/// in manifest order; and what inactive extensions would add.
struct node_menu {
  std::vector<menu_entry> all_tasks;
  std::vector<menu_entry> properties;
  std::vector<inactive_entry> inactive;
};

/// An extension that contributes nothing in this run (its base plugin is missing, failed or too
/// old), with the operator's reason.
struct inactive_extension {
  const manifest* extension;
  std::string reason;
};

/// Every declared action, indexed by node type.
class menu_slots {
 public:
  /// `manifests` are the healthy ones; `inactive` are only listed, never offered.
  explicit menu_slots(const std::vector<const manifest*>& manifests, std::vector<inactive_extension> inactive = {});

  /// The menu of `node`; empty for folders.
  node_menu menu_for(const tree_node& node) const;

  /// The entry `action` names on `node`: an action id, or "plugin-id:action-id" when the id alone
  /// is ambiguous. Errors (not_found, invalid_input) list what the node offers.
  sdk::result<menu_entry> find(const tree_node& node, std::string_view action) const;

 private:
  struct declared {
    action_decl action;
    std::string plugin_id;
  };
  std::vector<declared> actions_;
  std::vector<inactive_extension> inactive_;
};

}  // namespace arbor::host
