#include "host/cli/commands.hpp"

namespace arbor::host::cli {

const tree_node* node_at(session& s, presenter& out, const std::string& path) {
  const tree_node* node = s.tree().find(path);
  if (!node)
    out.failure(sdk::fail(sdk::reason::not_found, "No node \"" + path + "\" in the console tree; `arbor tree` lists them "
                                                  "(paths are case-sensitive)."),
                {});
  return node;
}

std::optional<menu_entry> action_on(session& s, presenter& out, const tree_node& node, const std::string& action) {
  auto found = s.menus().find(node, action);
  if (!found) {
    out.failure(found.error(), {});
    return std::nullopt;
  }
  return found.value();
}

bool plugin_ready(session& s, presenter& out, const std::string& plugin_id) {
  auto loaded = s.registry().plugin(plugin_id);
  if (!loaded) out.failure(loaded.error(), {});
  return loaded.ok();
}

exit_code exit_for_plugin_error(const sdk::error& e) {
  switch (e.why) {
    case sdk::reason::cancelled: return exit_code::cancelled;
    case sdk::reason::internal:
    case sdk::reason::incompatible: return exit_code::plugin;
    default: return exit_code::task;
  }
}

}  // namespace arbor::host::cli
