#include "host/cli/scripted_answers.hpp"

#include <boost/json.hpp>

#include <fstream>
#include <sstream>

namespace arbor::host::cli {
namespace {

namespace json = boost::json;

sdk::error refuse(std::string message) { return sdk::fail(sdk::reason::invalid_input, std::move(message)); }

sdk::result<raw_value> to_raw(const json::value& value) {
  if (value.is_string()) return raw_value(std::string(value.get_string()));
  if (value.is_bool()) return raw_value(value.get_bool());
  if (value.is_array()) {
    std::vector<std::string> items;
    for (const json::value& item : value.get_array()) {
      if (!item.is_string()) return refuse("a list must hold only strings");
      items.emplace_back(item.get_string());
    }
    return raw_value(std::move(items));
  }
  return refuse("must be a string, a list of strings, or true/false");
}

}  // namespace

sdk::result<answer_set> parse_answers(const std::string& text, const std::string& source) {
  boost::system::error_code ec;
  const json::value document = json::parse(text, ec);
  if (ec) return refuse("The answer file " + source + " is not valid JSON: " + ec.message() + ".");
  if (!document.is_object())
    return refuse("The answer file " + source + " must hold one object: {\"page\": {\"field\": value}}.");
  answer_set answers;
  for (const auto& [page_id, fields] : document.get_object()) {
    if (!fields.is_object())
      return refuse("In " + source + ", page \"" + std::string(page_id) + "\" must be an object of field answers.");
    for (const auto& [field_id, value] : fields.get_object()) {
      auto raw = to_raw(value);
      if (!raw)
        return refuse("In " + source + ", the answer for " + field_location(page_id, field_id) + " " +
                      raw.error().message + ".");
      answers.set(std::string(page_id), std::string(field_id), std::move(raw).value());
    }
  }
  return answers;
}

sdk::result<answer_set> read_answer_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    return sdk::fail(sdk::reason::not_found,
                     "Cannot read the answer file " + file.string() + ": check the path and its permissions.");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_answers(text.str(), file.string());
}

sdk::result<void> apply_set(answer_set& answers, const std::string& assignment) {
  const auto eq = assignment.find('=');
  const auto dot = assignment.find('.');
  if (eq == std::string::npos || dot == std::string::npos || dot == 0 || dot + 1 >= eq)
    return refuse("--set takes PAGE.FIELD=VALUE, not \"" + assignment.substr(0, eq) + "=...\".");
  answers.set(assignment.substr(0, dot), assignment.substr(dot + 1, eq - dot - 1), assignment.substr(eq + 1));
  return {};
}

}  // namespace arbor::host::cli
