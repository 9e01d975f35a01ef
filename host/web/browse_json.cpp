#include "host/web/browse_json.hpp"

#include "host/console/row_order.hpp"

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <optional>

namespace arbor::host::web {
namespace {

namespace json = boost::json;

json::object node_entry(const tree_node& node) {
  json::array children;
  for (const auto& child : node.children) children.push_back(node_entry(*child));
  return {{"name", node.name}, {"path", node.path}, {"type", node.type}, {"children", std::move(children)}};
}

json::array strings(const std::vector<std::string>& texts) {
  json::array out;
  for (const auto& text : texts) out.push_back(json::string(text));
  return out;
}

/// The id the routes take for `entry` on this node: the action id, or "plugin:action" when
/// another plugin's action on the node has the same id.
std::string action_name(const menu_entry& entry, const node_menu& menu) {
  std::size_t same = 0;
  for (const auto* slot : {&menu.all_tasks, &menu.properties})
    same += static_cast<std::size_t>(std::count_if(slot->begin(), slot->end(),
                                                   [&](const menu_entry& e) { return e.action_id == entry.action_id; }));
  return same > 1 ? entry.qualified_id() : entry.action_id;
}

bool is_loaded(const plugin_registry& registry, const std::string& plugin_id) {
  const auto& all = registry.plugins();
  return std::any_of(all.begin(), all.end(),
                     [&](const plugin_status& s) { return s.id == plugin_id && s.state == plugin_state::loaded; });
}

/// The first table of the node's details whose rows can be selected, as the terminal console picks it.
std::optional<std::string> selectable_table(const tree_node& node, plugin_registry& registry) {
  auto view = registry.details(node.plugin_id, node.ref(), sdk::row_window{0, 1});
  if (!view) return std::nullopt;
  for (const sdk::table& table : view.value().tables) {
    auto key = registry.row_key(node.plugin_id, node.ref(), table.title);
    if (key && !key.value().empty()) return table.title;
  }
  return std::nullopt;
}

sdk::error bad_query(std::string message) {
  return sdk::fail(sdk::reason::invalid_input, std::move(message), "see docs/web-api.md for the parameters of /api/details");
}

/// Every row of table `index`, read in chunks; refused past details_sort_limit.
sdk::result<std::vector<std::vector<std::string>>> whole_table(const tree_node& node, plugin_registry& registry,
                                                               std::size_t index) {
  constexpr std::size_t chunk = 500;
  std::vector<std::vector<std::string>> rows;
  for (;;) {
    auto view = registry.details(node.plugin_id, node.ref(), sdk::row_window{rows.size(), chunk});
    if (!view) return view.error();
    if (index >= view.value().tables.size()) return bad_query("The node has no table " + std::to_string(index) + ".");
    sdk::table& table = view.value().tables[index];
    if (table.total_rows > details_sort_limit)
      return sdk::fail(sdk::reason::invalid_input,
                       "The table \"" + table.title + "\" has " + std::to_string(table.total_rows) +
                           " rows, too many to sort or filter (at most " + std::to_string(details_sort_limit) + ").",
                       "page through it unsorted and unfiltered");
    const bool last = table.rows.empty() || rows.size() + table.rows.size() >= table.total_rows;
    std::move(table.rows.begin(), table.rows.end(), std::back_inserter(rows));
    if (last) return rows;
  }
}

/// Replaces table `query.table` of `view` by its filtered and sorted rows, windowed.
sdk::result<void> order_locally(sdk::details_view& view, const tree_node& node, plugin_registry& registry,
                                const details_query& query) {
  if (query.table >= view.tables.size()) return bad_query("The node has no table " + std::to_string(query.table) + ".");
  sdk::table& table = view.tables[query.table];
  std::optional<std::size_t> column;
  if (!query.sort.empty()) {
    const auto found = std::find_if(table.columns.begin(), table.columns.end(),
                                    [&](const sdk::column& c) { return c.id == query.sort; });
    if (found == table.columns.end()) return bad_query("The table \"" + table.title + "\" has no column \"" + query.sort + "\".");
    column = static_cast<std::size_t>(found - table.columns.begin());
  }
  auto rows = whole_table(node, registry, query.table);
  if (!rows) return rows.error();
  auto& all = rows.value();
  if (!query.filter.empty()) std::erase_if(all, [&](const auto& row) { return !row_matches(row, query.filter); });
  if (column) sort_rows(all, *column, query.descending);
  table.total_rows = all.size();
  const std::size_t first = std::min(query.offset, all.size());
  const std::size_t last = std::min(all.size(), first + query.limit);
  table.rows.assign(std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(first)),
                    std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(last)));
  return {};
}

json::value row_keys(const sdk::table& table, const tree_node& node, plugin_registry& registry) {
  auto key = registry.row_key(node.plugin_id, node.ref(), table.title);
  if (!key || key.value().empty()) return nullptr;
  const auto column = std::find_if(table.columns.begin(), table.columns.end(),
                                   [&](const sdk::column& c) { return c.id == key.value(); });
  if (column == table.columns.end()) return nullptr;
  const auto at = static_cast<std::size_t>(column - table.columns.begin());
  json::array keys;
  for (const auto& row : table.rows) keys.push_back(json::string(at < row.size() ? row[at] : std::string{}));
  return keys;
}

json::object table_json(const sdk::table& table, const tree_node& node, plugin_registry& registry) {
  json::array columns;
  for (const auto& c : table.columns) columns.push_back(json::object{{"id", c.id}, {"label", c.label}});
  json::array rows;
  for (const auto& row : table.rows) rows.push_back(strings(row));
  return {{"title", table.title},
          {"columns", std::move(columns)},
          {"rows", std::move(rows)},
          {"total_rows", table.total_rows},
          {"row_keys", row_keys(table, node, registry)}};
}

}  // namespace

json::object tree_json(const console_tree& tree) { return {{"root", node_entry(tree.root())}}; }

json::object node_json(const tree_node& node, const menu_slots& menus, plugin_registry& registry) {
  const node_menu menu = menus.menu_for(node);
  const std::optional<std::string> rows_table =
      node.is_folder() ? std::nullopt : selectable_table(node, registry);
  json::array actions;
  for (const auto& [slot, kind] : {std::pair{&menu.all_tasks, "task"}, std::pair{&menu.properties, "properties"}}) {
    for (const menu_entry& entry : *slot) {
      bool takes_rows = false;
      if (rows_table && is_loaded(registry, entry.plugin_id)) {
        auto takes = registry.takes_rows(entry.plugin_id, node.ref(), entry.action_id, *rows_table);
        takes_rows = takes && takes.value();
      }
      actions.push_back(json::object{{"id", action_name(entry, menu)},
                                     {"label", entry.label},
                                     {"slot", entry.slot},
                                     {"kind", kind},
                                     {"help", entry.help},
                                     {"takes_rows", takes_rows}});
    }
  }
  json::array warnings;
  for (const inactive_entry& inactive : menu.inactive)
    warnings.push_back(json::string(inactive.label + " (" + inactive.plugin_id + ") is not offered: " + inactive.reason));
  return {{"path", node.path},  {"name", node.name},         {"type", node.type},
          {"help", node.help},  {"actions", std::move(actions)}, {"warnings", std::move(warnings)}};
}

sdk::result<json::object> details_json(const tree_node& node, plugin_registry& registry, const details_query& query) {
  if (node.is_folder()) return json::object{{"warnings", json::array{}}, {"tables", json::array{}}};
  if (query.limit > details_max_limit)
    return bad_query("At most " + std::to_string(details_max_limit) + " rows are sent at once (limit).");
  const bool local = !query.sort.empty() || !query.filter.empty();
  auto view = registry.details(node.plugin_id, node.ref(), sdk::row_window{query.offset, query.limit});
  if (!view) return view.error();
  if (local)
    if (auto ordered = order_locally(view.value(), node, registry, query); !ordered) return ordered.error();
  json::array tables;
  for (const sdk::table& table : view.value().tables) tables.push_back(table_json(table, node, registry));
  return json::object{{"warnings", strings(view.value().notices)}, {"tables", std::move(tables)}};
}

json::object plugins_json(const plugin_registry& registry) {
  json::array plugins;
  for (const plugin_status& s : registry.plugins()) {
    const bool troubled = s.state == plugin_state::failed || s.state == plugin_state::inactive;
    json::value error = nullptr;
    if (troubled) error = json::object{{"message", s.error.message}, {"detail", s.error.technical}};
    plugins.push_back(json::object{{"id", s.id},
                                   {"name", s.manifest ? s.manifest->name : std::string{}},
                                   {"version", s.manifest ? s.manifest->version : std::string{}},
                                   {"manifest", s.manifest_file.string()},
                                   {"state", to_string(s.state)},
                                   {"error", std::move(error)}});
  }
  return {{"plugins", std::move(plugins)}};
}

}  // namespace arbor::host::web
