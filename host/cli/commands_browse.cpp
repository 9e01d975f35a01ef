// plugins, tree, show and actions: looking at the console without running anything.
#include "host/cli/commands.hpp"

namespace arbor::host::cli {

exit_code list_plugins(session& s, presenter& out) {
  // Loading each healthy plugin is what checks its library, entry point and versions.
  std::vector<std::string> ids;
  for (const manifest* m : s.registry().manifests()) ids.push_back(m->id);
  for (const std::string& id : ids) (void)s.registry().plugin(id);
  out.plugins(s.registry().plugins());
  return exit_code::success;
}

exit_code print_tree(session& s, presenter& out) {
  out.tree(s.tree().root());
  return exit_code::success;
}

exit_code show_node(session& s, presenter& out, const cli_options& options) {
  const tree_node* node = node_at(s, out, options.arguments[0]);
  if (!node) return exit_code::usage;
  const sdk::row_window window{options.first_row, options.max_rows};
  if (node->is_folder()) {
    out.details(*node, nullptr, window);
    return exit_code::success;
  }
  if (!plugin_ready(s, out, node->plugin_id)) return exit_code::plugin;
  auto view = s.registry().details(node->plugin_id, node->ref(), window);
  if (!view) {
    out.failure(view.error(), {});
    return exit_for_plugin_error(view.error());
  }
  out.details(*node, &view.value(), window);
  return exit_code::success;
}

exit_code list_actions(session& s, presenter& out, const cli_options& options) {
  const tree_node* node = node_at(s, out, options.arguments[0]);
  if (!node) return exit_code::usage;
  out.menu(*node, s.menus().menu_for(*node));
  return exit_code::success;
}

}  // namespace arbor::host::cli
