#pragma once
// The console model as the web console's JSON: the tree, a node with its actions, its details
// tables (paged through the SDK's row windows, sorted and filtered as the terminal console does),
// and the plugins with their load errors. Everything is read through the plugin registry, so a
// plugin appears here without a line of web code. Callers hold the plugin_gate.
#include "host/console/console_tree.hpp"
#include "host/console/menu_slots.hpp"
#include "host/plugins/plugin_registry.hpp"

#include <arbor/sdk/error.hpp>

#include <boost/json/object.hpp>

#include <cstddef>
#include <string>

namespace arbor::host::web {

/// `GET /api/tree`: {"root":{"name","path","type","children":[...]}}.
boost::json::object tree_json(const console_tree& tree);

/// `GET /api/node`: the node's help, its All Tasks and Properties actions, and why inactive
/// extensions add nothing. Asks the node's plugin which actions take selected rows (loading it,
/// as showing its details would); a plugin that fails there only leaves takes_rows false.
boost::json::object node_json(const tree_node& node, const menu_slots& menus, plugin_registry& registry);

/// Which rows of which table `GET /api/details` wants.
struct details_query {
  std::size_t table{0};    ///< the table `sort` and `filter` apply to
  std::size_t offset{0};
  std::size_t limit{200};
  std::string sort;        ///< a column id; empty: the plugin's order
  bool descending{false};
  std::string filter;      ///< rows with a cell containing it (ASCII case ignored); empty: all
};

/// Most rows per answer, and most rows read to sort or filter one table (as the terminal console).
inline constexpr std::size_t details_max_limit = 1000;
inline constexpr std::size_t details_sort_limit = 10000;

/// `GET /api/details`: the node's notices and tables, each with its total and, when its rows can
/// be selected, the key of each row shown. Fails with the plugin's error, or when the sort
/// column or table does not exist or the table is too long to sort.
sdk::result<boost::json::object> details_json(const tree_node& node, plugin_registry& registry, const details_query& query);

/// `GET /api/plugins`: every manifest seen, with its state and, for a failed or inactive one, why.
boost::json::object plugins_json(const plugin_registry& registry);

}  // namespace arbor::host::web
