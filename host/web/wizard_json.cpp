#include "host/web/wizard_json.hpp"
#include "host/console/json_values.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace arbor::host::web {
namespace {

namespace json = boost::json;

/// What the field shows: the answer so far, else its default. Confirmation "yes" / "no".
void put_value(json::object& out, const sdk::page& page, const sdk::field& field, const sdk::answers& so_far) {
  const sdk::answer* given = so_far.find(page.id, field.id);
  switch (field.kind) {
    case sdk::field_kind::secret: return;
    case sdk::field_kind::multi_select: {
      if (given) {
        out["values"] = json_strings(given->items);
        return;
      }
      auto preset = to_answer(field, field.default_value, false);
      out["values"] = json_strings(preset && !field.default_value.empty() ? preset.value().items : std::vector<std::string>{});
      return;
    }
    case sdk::field_kind::confirmation:
      out["value"] = given ? (given->yes ? "yes" : "no") : (field.default_value == "yes" ? "yes" : "no");
      return;
    default: out["value"] = given ? given->text : field.default_value;
  }
}

json::object field_json(const sdk::page& page, const sdk::field& field, const sdk::answers& so_far) {
  json::object out{{"id", field.id},
                   {"label", field.label},
                   {"kind", sdk::to_string(field.kind)},
                   {"required", field.required},
                   {"options", json_strings(field.options)},
                   {"help", field.help}};
  put_value(out, page, field, so_far);
  return out;
}

const char* end_name(wizard_end end) {
  switch (end) {
    case wizard_end::completed: return "completed";
    case wizard_end::refused: return "refused";
    case wizard_end::plugin_failed: return "plugin_failed";
    case wizard_end::task_failed: return "task_failed";
    case wizard_end::cancelled: return "cancelled";
  }
  return "plugin_failed";
}

sdk::error refuse(std::string message) { return sdk::fail(sdk::reason::invalid_input, std::move(message)); }

sdk::result<page_step> step_from(const json::object& request) {
  const json::value* step = request.if_contains("step");
  const json::string* name = step ? step->if_string() : nullptr;
  if (name && *name == "next") return page_step::next;
  if (name && *name == "back") return page_step::back;
  if (name && *name == "cancel") return page_step::cancel;
  return refuse("The answer needs a \"step\": \"next\", \"back\" or \"cancel\".");
}

/// A value as the runner takes it: a string, an array of strings or a boolean.
sdk::result<raw_value> raw_from(const sdk::field& field, const json::value& value) {
  if (const json::string* text = value.if_string()) return raw_value(std::string(*text));
  if (const bool* flag = value.if_bool()) return raw_value(*flag);
  if (const json::array* list = value.if_array()) {
    std::vector<std::string> items;
    for (const json::value& item : *list) {
      if (!item.is_string()) break;
      items.emplace_back(item.get_string());
    }
    if (items.size() == list->size()) return raw_value(std::move(items));
  }
  return refuse("The answer for \"" + field.label + "\" must be a string, an array of strings or true/false.");
}

sdk::result<void> read_answer(const sdk::field& field, const json::value& value, page_reply& reply) {
  if (field.kind != sdk::field_kind::secret) {
    auto raw = raw_from(field, value);
    if (!raw) return raw.error();
    reply.values.emplace(field.id, std::move(raw).value());
    return {};
  }
  const json::string* text = value.if_string();
  if (!text) return refuse("The answer for \"" + field.label + "\" must be a string.");
  reply.secrets.emplace(field.id, sdk::secret_text(std::string_view(text->data(), text->size())));
  return {};
}

}  // namespace

json::object page_json(const sdk::page& page, const sdk::answers& so_far, const sdk::error* problem, bool finishes) {
  json::array fields;
  for (const sdk::field& field : page.fields) fields.push_back(field_json(page, field, so_far));
  return {{"id", page.id},
          {"title", page.title},
          {"description", page.description},
          {"info", json_strings(page.info)},
          {"finishes", finishes},
          {"problem", problem ? json::value(json::object{{"message", problem->message}, {"field", nullptr}})
                              : json::value(nullptr)},
          {"fields", std::move(fields)}};
}

json::object table_json(const sdk::table& table) {
  json::array columns;
  for (const sdk::column& c : table.columns) columns.push_back(json::object{{"id", c.id}, {"label", c.label}});
  json::array rows;
  for (const auto& row : table.rows) rows.push_back(json_strings(row));
  return {{"title", table.title}, {"columns", std::move(columns)}, {"rows", std::move(rows)}, {"total_rows", table.total_rows}};
}

json::object summary_json(const sdk::summary& summary) {
  json::array items;
  for (const sdk::summary_item& item : summary.items)
    items.push_back(json::object{
        {"key", item.key}, {"label", item.label}, {"value", item.value}, {"details", json_strings(item.details)}});
  return {{"title", summary.title},
          {"items", std::move(items)},
          {"table", summary.results ? json::value(table_json(*summary.results)) : json::value(nullptr)}};
}

namespace {

// A plugin that broke, or an internal error, has technical text for the log (exception texts,
// paths): the browser gets only the message.
bool shows_detail(const wizard_outcome& outcome) {
  return outcome.end != wizard_end::plugin_failed && outcome.error.why != sdk::reason::internal;
}

}  // namespace

json::object outcome_json(const wizard_outcome& outcome) {
  json::value error = nullptr;
  if (outcome.end != wizard_end::completed)
    error = json::object{{"message", outcome.error.message},
                         {"detail", shows_detail(outcome) ? json_optional_text(outcome.error.technical) : json::value(nullptr)},
                         {"page", json_optional_text(outcome.page_id)},
                         {"field", json_optional_text(outcome.field_id)}};
  return {{"end", end_name(outcome.end)},
          {"summary", outcome.summary ? json::value(summary_json(*outcome.summary)) : json::value(nullptr)},
          {"error", std::move(error)}};
}

sdk::result<page_reply> reply_from_json(const sdk::page& page, const json::object& request) {
  auto step = step_from(request);
  if (!step) return step.error();
  page_reply reply;
  reply.step = step.value();
  const json::value* answers = request.if_contains("answers");
  if (answers == nullptr || answers->is_null()) return reply;
  if (!answers->is_object()) return refuse("\"answers\" must be an object of field ids and values.");
  for (const auto& [id, value] : answers->get_object()) {
    const std::string_view name = id;  // clang 14 cannot capture a structured binding (scripts/fuzz)
    auto field = std::find_if(page.fields.begin(), page.fields.end(), [&](const sdk::field& f) { return f.id == name; });
    if (field == page.fields.end())
      return refuse("The page \"" + page.title + "\" has no field \"" + std::string(id) + "\"; answer only its fields.");
    if (value.is_null()) continue;  // not given: the runner takes the default
    if (auto read = read_answer(*field, value, reply); !read) return read.error();
  }
  return reply;
}

namespace {

sdk::result<sheet_step> sheet_step_from(const json::object& request) {
  const json::value* step = request.if_contains("step");
  const json::string* name = step ? step->if_string() : nullptr;
  if (name && *name == "apply") return sheet_step::apply;
  if (name && *name == "ok") return sheet_step::ok;
  if (name && *name == "cancel") return sheet_step::cancel;
  return refuse("The answer to a property sheet needs a \"step\": \"apply\", \"ok\" or \"cancel\".");
}

/// What was typed for a field, written over the prepared value so a refused sheet keeps it.
void put_typed(json::object& field, const raw_value& typed) {
  if (const auto* items = std::get_if<std::vector<std::string>>(&typed)) field["values"] = json_strings(*items);
  else if (const bool* yes = std::get_if<bool>(&typed)) field["value"] = *yes ? "yes" : "no";
  else field["value"] = std::get<std::string>(typed);
}

}  // namespace

sdk::result<sheet_reply> sheet_reply_from_json(const std::vector<sdk::page>& pages, const json::object& request) {
  auto step = sheet_step_from(request);
  if (!step) return step.error();
  sheet_reply reply;
  reply.step = step.value();
  const json::value* answers = request.if_contains("answers");
  if (answers != nullptr && !answers->is_null() && !answers->is_object())
    return refuse("\"answers\" must be an object of page ids, each with an object of field ids and values.");
  const json::object none;
  const json::object& given = answers && answers->is_object() ? answers->get_object() : none;
  for (const auto& [id, page_answers] : given) {
    const std::string_view name = id;
    if (std::none_of(pages.begin(), pages.end(), [&](const sdk::page& p) { return p.id == name; }))
      return refuse("The sheet has no page \"" + std::string(id) + "\"; answer only its pages.");
    if (!page_answers.is_object()) return refuse("The answers of page \"" + std::string(id) + "\" must be an object.");
  }
  for (const sdk::page& page : pages) {
    json::object as_page{{"step", "next"}};
    if (const json::value* typed = given.if_contains(page.id)) as_page["answers"] = *typed;
    auto read = reply_from_json(page, as_page);
    if (!read) return read.error();
    reply.pages.emplace(page.id, std::move(read).value());
  }
  return reply;
}

json::object sheet_json(const std::vector<sdk::page>& pages, const std::map<std::string, page_reply, std::less<>>& typed,
                        const wizard_outcome* refusal, const std::optional<sdk::summary>& values, bool applied) {
  json::array shown;
  for (const sdk::page& page : pages) {
    json::object out = page_json(page, sdk::answers{}, nullptr, false);
    const auto kept = typed.find(page.id);
    if (refusal != nullptr && kept != typed.end())
      for (json::value& field : out["fields"].as_array()) {
        const auto value = kept->second.values.find(std::string_view(field.at("id").as_string()));
        if (value != kept->second.values.end()) put_typed(field.as_object(), value->second);
      }
    out.erase("finishes");
    out.erase("problem");
    shown.push_back(std::move(out));
  }
  json::value problem = nullptr;
  if (refusal != nullptr)
    problem = json::object{{"message", refusal->error.message},
                           {"page", json_optional_text(refusal->page_id)},
                           {"field", json_optional_text(refusal->field_id)}};
  return {{"pages", std::move(shown)},
          {"problem", std::move(problem)},
          {"values", values ? json::value(summary_json(*values)) : json::value(nullptr)},
          {"applied", applied}};
}

}  // namespace arbor::host::web
