#include "host/console/menu_slots.hpp"

#include "host/console/tree_path.hpp"

namespace arbor::host {
namespace {

std::string list_offered(const node_menu& menu) {
  std::string names;
  for (const auto* slot : {&menu.all_tasks, &menu.properties})
    for (const menu_entry& entry : *slot) {
      if (!names.empty()) names += ", ";
      names += entry.action_id;
    }
  return names.empty() ? "none" : names;
}

}  // namespace

menu_slots::menu_slots(const std::vector<const manifest*>& manifests, std::vector<inactive_extension> inactive)
    : inactive_(std::move(inactive)) {
  for (const manifest* m : manifests)
    for (const action_decl& action : m->actions) actions_.push_back({action, m->id});
}

node_menu menu_slots::menu_for(const tree_node& node) const {
  node_menu menu;
  if (node.is_folder()) return menu;
  for (const bool extensions : {false, true})  // the node's own plugin first, then its extensions
    for (const declared& d : actions_) {
      if (d.action.node_type != node.type || (d.plugin_id != node.plugin_id) != extensions) continue;
      menu_entry entry{d.action.id, d.action.label, d.action.slot, d.plugin_id, extensions, d.action.help,
                       d.action.sheet_answers};
      (d.action.slot == slot_properties ? menu.properties : menu.all_tasks).push_back(std::move(entry));
    }
  for (const inactive_extension& ext : inactive_)
    for (const action_decl& a : ext.extension->actions)
      if (a.node_type == node.type) menu.inactive.push_back({a.id, a.label, a.slot, ext.extension->id, ext.reason});
  return menu;
}

sdk::result<menu_entry> menu_slots::find(const tree_node& node, std::string_view action) const {
  const node_menu menu = menu_for(node);
  std::vector<const menu_entry*> matches;
  for (const auto* slot : {&menu.all_tasks, &menu.properties})
    for (const menu_entry& entry : *slot)
      if (entry.action_id == action || entry.qualified_id() == action) matches.push_back(&entry);

  const std::string where = "\"" + display_path(node.path) + "\"";
  if (matches.empty())
    return sdk::fail(sdk::reason::not_found,
                     "No action \"" + std::string(action) + "\" on " + where + ". It offers: " + list_offered(menu) + ".");
  if (matches.size() > 1) {
    std::string names;
    for (const menu_entry* m : matches) names += (names.empty() ? "" : ", ") + m->qualified_id();
    return sdk::fail(sdk::reason::invalid_input, "Action \"" + std::string(action) + "\" on " + where +
                                                     " is offered by several plugins; name one of: " + names + ".");
  }
  return *matches.front();
}

}  // namespace arbor::host
