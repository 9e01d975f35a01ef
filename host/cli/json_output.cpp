#include "host/cli/json_output.hpp"

#include "host/console/tree_path.hpp"
#include "host/console/json_values.hpp"

#include <boost/json.hpp>

namespace arbor::host::cli {
namespace {

namespace json = boost::json;

json::object node_header(const tree_node& node) {
  return {{"path", display_path(node.path)}, {"type", json_optional_text(node.type)}, {"plugin", json_optional_text(node.plugin_id)}};
}

json::array menu_entries(const std::vector<menu_entry>& entries) {
  json::array array;
  for (const menu_entry& e : entries)
    array.push_back(json::object{{"id", e.action_id}, {"label", e.label}, {"plugin", e.plugin_id}, {"extension", e.extension}});
  return array;
}

json::array inactive_entries(const std::vector<inactive_entry>& entries) {
  json::array array;
  for (const inactive_entry& e : entries)
    array.push_back(json::object{{"id", e.action_id}, {"label", e.label}, {"slot", e.slot}, {"plugin", e.plugin_id},
                                 {"reason", e.reason}});
  return array;
}

json::array extends_json(const plugin_status& s) {
  json::array array;
  if (s.manifest)
    for (const extends_decl& base : s.manifest->extends)
      array.push_back(json::object{{"plugin", base.plugin}, {"min_version", json_optional_text(base.min_version)}});
  return array;
}

json::value example_value(const sdk::field& field) {
  switch (field.kind) {
    case sdk::field_kind::multi_select: return json::array{};
    case sdk::field_kind::confirmation: return field.default_value == "yes";
    case sdk::field_kind::choice:
      if (field.default_value.empty() && !field.options.empty()) return json::value(field.options.front());
      return json::value(field.default_value);
    default: return json::value(field.default_value);
  }
}

json::object field_json(const sdk::field& f) {
  return {{"id", f.id},
          {"label", f.label},
          {"kind", sdk::to_string(f.kind)},
          {"required", f.required},
          {"options", json_strings(f.options)},
          {"options_computed", options_computed_when_prepared(f)},
          {"default", json_optional_text(f.default_value)},
          {"help", f.help}};
}

}  // namespace

json::value table_json(const sdk::table& table, std::size_t first) {
  json::array columns;
  for (const sdk::column& c : table.columns) columns.push_back(json::object{{"id", c.id}, {"label", c.label}});
  json::array rows;
  for (const auto& row : table.rows) {
    json::object cells;
    for (std::size_t i = 0; i < table.columns.size() && i < row.size(); ++i) cells[table.columns[i].id] = row[i];
    rows.push_back(std::move(cells));
  }
  return json::object{{"title", table.title}, {"columns", std::move(columns)}, {"rows", std::move(rows)},
                      {"first", first},       {"total_rows", table.total_rows}};
}

json::value summary_json(const sdk::summary& result) {
  json::object items;
  for (const sdk::summary_item& item : result.items)
    items[item.key] = json::object{{"label", item.label}, {"value", item.value}, {"details", json_strings(item.details)}};
  return json::object{{"title", result.title},
                      {"items", std::move(items)},
                      {"table", result.results ? table_json(*result.results, 0) : json::value(nullptr)}};
}

json::value plugins_json(const std::vector<plugin_status>& all) {
  json::array array;
  for (const plugin_status& s : all) {
    json::object entry{{"id", json_optional_text(s.id)},
                       {"state", to_string(s.state)},
                       {"manifest", s.manifest_file.string()},
                       {"name", s.manifest ? json::value(s.manifest->name) : json::value(nullptr)},
                       {"version", s.manifest ? json::value(s.manifest->version) : json::value(nullptr)},
                       {"extends", extends_json(s)},
                       {"error", nullptr},
                       {"inactive_reason", nullptr}};
    if (s.state == plugin_state::failed) entry["error"] = error_json(s.error, {}, {}).as_object()["error"];
    if (s.state == plugin_state::inactive) entry["inactive_reason"] = s.error.message;
    array.push_back(std::move(entry));
  }
  return array;
}

json::value tree_json(const tree_node& node) {
  json::array children;
  for (const auto& child : node.children) children.push_back(tree_json(*child));
  json::object object = node_header(node);
  object["name"] = node.name;
  object["children"] = std::move(children);
  return object;
}

json::value details_json(const tree_node& node, const sdk::details_view* view, sdk::row_window window) {
  json::object object = node_header(node);
  json::array children;
  for (const auto& child : node.children) children.emplace_back(child->name);
  object["children"] = std::move(children);
  json::array tables;
  if (view)
    for (const sdk::table& t : view->tables) tables.push_back(table_json(t, window.first));
  object["notices"] = view ? json_strings(view->notices) : json::array{};
  object["tables"] = std::move(tables);
  return object;
}

json::value menu_json(const tree_node& node, const node_menu& menu) {
  json::object object = node_header(node);
  object["all_tasks"] = menu_entries(menu.all_tasks);
  object["properties"] = menu_entries(menu.properties);
  object["inactive"] = inactive_entries(menu.inactive);
  return object;
}

json::value wizard_json(const tree_node& node, const menu_entry& action, const sdk::wizard_spec& spec) {
  json::array pages;
  json::array secrets;
  for (const sdk::page& p : spec.pages) {
    json::array fields;
    for (const sdk::field& f : p.fields) {
      fields.push_back(field_json(f));
      if (f.kind == sdk::field_kind::secret) secrets.emplace_back(p.id + "." + f.id);
    }
    pages.push_back(json::object{{"id", p.id}, {"title", p.title}, {"description", p.description},
                                 {"fields", std::move(fields)}});
  }
  return json::object{{"path", display_path(node.path)}, {"action", action.action_id}, {"plugin", action.plugin_id},
                      {"slot", action.slot},             {"title", spec.title},       {"pages", std::move(pages)},
                      {"example_answers", example_answers(spec)}, {"secrets", std::move(secrets)}};
}

json::value error_json(const sdk::error& error, std::string_view page_id, std::string_view field_id) {
  return json::object{{"error", json::object{{"reason", sdk::to_string(error.why)},
                                             {"message", error.message},
                                             {"technical", json_optional_text(error.technical)},
                                             {"page", page_id.empty() ? json::value(nullptr) : json::value(page_id)},
                                             {"field", field_id.empty() ? json::value(nullptr) : json::value(field_id)}}}};
}

bool options_computed_when_prepared(const sdk::field& f) {
  return (f.kind == sdk::field_kind::choice || f.kind == sdk::field_kind::multi_select) && f.options.empty();
}

json::object example_answers(const sdk::wizard_spec& spec) {
  json::object answers;
  for (const sdk::page& p : spec.pages) {
    json::object fields;
    for (const sdk::field& f : p.fields)
      if (f.kind != sdk::field_kind::secret) fields[f.id] = example_value(f);
    if (!fields.empty()) answers[p.id] = std::move(fields);
  }
  return answers;
}

}  // namespace arbor::host::cli
