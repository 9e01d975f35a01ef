#pragma once
// The JSON shapes of `arbor --json`, one function per kind of document.
#include "host/console/console_tree.hpp"
#include "host/console/menu_slots.hpp"
#include "host/plugins/plugin_registry.hpp"

#include <arbor/sdk/node.hpp>
#include <arbor/sdk/wizard.hpp>

#include <boost/json/value.hpp>

#include <string_view>
#include <vector>

namespace arbor::host::cli {

/// {"title", "columns": [{"id", "label"}], "rows": [{column id: value}], "first", "total_rows"}
boost::json::value table_json(const sdk::table& table, std::size_t first);
/// {"title", "items": {key: {"label", "value", "details": [...]}}, "table": table or null}
boost::json::value summary_json(const sdk::summary& result);
/// [{"id", "name", "version", "state", "manifest", "extends": [{"plugin", "min_version"}],
///   "error": {...} or null, "inactive_reason": text or null}]
boost::json::value plugins_json(const std::vector<plugin_status>& all);
/// {"name", "path", "type", "plugin", "children": [...]}, recursively
boost::json::value tree_json(const tree_node& node);
/// {"path", "type", "plugin", "children": [names], "notices", "tables"}
boost::json::value details_json(const tree_node& node, const sdk::details_view* view, sdk::row_window window);
/// {"path", "type", "all_tasks": [...], "properties": [...],
///  "inactive": [{"id", "label", "slot", "plugin", "reason"}]}
boost::json::value menu_json(const tree_node& node, const node_menu& menu);
/// {"path", "action", "plugin", "title", "pages": [...], "example_answers": {...}, "secrets": ["page.field"]};
/// each field {"id", "label", "kind", "required", "options", "options_computed", "default", "help"}
boost::json::value wizard_json(const tree_node& node, const menu_entry& action, const sdk::wizard_spec& spec);
/// {"error": {"reason", "message", "technical", "page", "field"}}: the ids of where a wizard stopped
boost::json::value error_json(const sdk::error& error, std::string_view page_id, std::string_view field_id);

/// An answer file for `spec` with each field's default, first option or an empty value.
boost::json::object example_answers(const sdk::wizard_spec& spec);

/// A choice or multi-select field declared without options: its plugin fills them in when it
/// prepares the page. `arbor describe` shows the declared spec only and never calls prepare(),
/// which may need earlier answers (a sign-in) and is not side-effect-free by contract.
bool options_computed_when_prepared(const sdk::field& f);

}  // namespace arbor::host::cli
