#include "host/console/answer_value.hpp"

#include <algorithm>

namespace arbor::host {
namespace {

sdk::error refuse(std::string message) { return sdk::fail(sdk::reason::invalid_input, std::move(message)); }

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> items;
  if (text.empty()) return items;
  std::size_t start = 0;
  for (auto comma = text.find(','); comma != std::string::npos; comma = text.find(',', start)) {
    items.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  items.push_back(text.substr(start));
  return items;
}

bool offered(const sdk::field& field, const std::string& value) {
  return std::find(field.options.begin(), field.options.end(), value) != field.options.end();
}

sdk::result<sdk::answer> as_string(const sdk::field& field, const raw_value& value, bool check_options) {
  const auto* text = std::get_if<std::string>(&value);
  if (!text) return refuse(std::string("expects a string (a ") + sdk::to_string(field.kind) + ")");
  if (field.kind == sdk::field_kind::text && text->find_first_of("\r\n") != std::string::npos)
    return refuse("takes one line of text; remove the line break");
  if (text->find('\0') != std::string::npos) return refuse("must not contain a NUL character");
  if (field.kind == sdk::field_kind::choice && check_options && !offered(field, *text))
    return refuse(quoted(*text) + " is not one of: " + joined(field.options));
  sdk::answer a;
  a.kind = field.kind;
  a.text = *text;
  return a;
}

sdk::result<sdk::answer> as_items(const sdk::field& field, const raw_value& value, bool check_options) {
  std::vector<std::string> items;
  if (const auto* list = std::get_if<std::vector<std::string>>(&value))
    items = *list;
  else if (const auto* text = std::get_if<std::string>(&value))
    items = split_commas(*text);
  else
    return refuse("expects a list of options (or a comma-separated string), not true/false");
  if (check_options)
    for (const std::string& item : items)
      if (!offered(field, item)) return refuse(quoted(item) + " is not one of: " + joined(field.options));
  sdk::answer a;
  a.kind = field.kind;
  a.items = std::move(items);
  return a;
}

sdk::result<sdk::answer> as_yes_no(const sdk::field& field, const raw_value& value) {
  sdk::answer a;
  a.kind = field.kind;
  if (const auto* flag = std::get_if<bool>(&value)) {
    a.yes = *flag;
    return a;
  }
  if (const auto* text = std::get_if<std::string>(&value)) {
    if (*text == "yes" || *text == "true") {
      a.yes = true;
      return a;
    }
    if (*text == "no" || *text == "false") return a;
  }
  return refuse("expects true or false (or \"yes\" / \"no\")");
}

}  // namespace

std::string field_location(std::string_view page_id, std::string_view field_id) {
  return "field " + quoted(field_id) + " on page " + quoted(page_id);
}

sdk::result<sdk::answer> to_answer(const sdk::field& field, const raw_value& value, bool check_options) {
  switch (field.kind) {
    case sdk::field_kind::text:
    case sdk::field_kind::path:
    case sdk::field_kind::choice: return as_string(field, value, check_options);
    case sdk::field_kind::multi_select: return as_items(field, value, check_options);
    case sdk::field_kind::confirmation: return as_yes_no(field, value);
    case sdk::field_kind::secret:
      return refuse("is a password and is never taken from answers: give passwords one per line, in page order, "
                    "with --password-file or --password-fd");
  }
  return refuse("has an unknown kind");
}

}  // namespace arbor::host
