#include "host/cli/scripted_answers.hpp"

#include "host/cli/input_file.hpp"

#include <boost/json.hpp>
#include <boost/json/basic_parser_impl.hpp>

#include <optional>
#include <set>
#include <vector>

namespace arbor::host::cli {
namespace {

namespace json = boost::json;

// An answer file is typed by hand, often by copying a block: 1 MiB is far more than any task's
// answers, and refuses a wrong path (a log, an image) before it is loaded.
constexpr std::size_t max_answer_file_bytes = std::size_t{1} << 20;

sdk::error refuse(std::string message) { return sdk::fail(sdk::reason::invalid_input, std::move(message)); }

// Parse events that only track the keys of each open object. json::parse keeps the last of two
// equal keys, so a repeated key would otherwise drop the first answer without a word.
class repeated_key_finder {
 public:
  static constexpr std::size_t max_array_size = -1;
  static constexpr std::size_t max_object_size = -1;
  static constexpr std::size_t max_string_size = -1;
  static constexpr std::size_t max_key_size = -1;

  std::optional<std::string> repeated;

  bool on_document_begin(boost::system::error_code&) { return true; }
  bool on_document_end(boost::system::error_code&) { return true; }
  bool on_array_begin(boost::system::error_code&) { return true; }
  bool on_array_end(std::size_t, boost::system::error_code&) { return true; }
  bool on_object_begin(boost::system::error_code&) {
    open_.emplace_back();
    return true;
  }
  bool on_object_end(std::size_t, boost::system::error_code&) {
    open_.pop_back();
    return true;
  }
  bool on_string_part(json::string_view, std::size_t, boost::system::error_code&) { return true; }
  bool on_string(json::string_view, std::size_t, boost::system::error_code&) { return true; }
  bool on_key_part(json::string_view part, std::size_t, boost::system::error_code&) {
    key_.append(part.data(), part.size());
    return true;
  }
  bool on_key(json::string_view part, std::size_t, boost::system::error_code&) {
    key_.append(part.data(), part.size());
    if (!open_.back().insert(key_).second && !repeated) repeated = key_;
    key_.clear();
    return true;
  }
  bool on_number_part(json::string_view, boost::system::error_code&) { return true; }
  bool on_int64(std::int64_t, json::string_view, boost::system::error_code&) { return true; }
  bool on_uint64(std::uint64_t, json::string_view, boost::system::error_code&) { return true; }
  bool on_double(double, json::string_view, boost::system::error_code&) { return true; }
  bool on_bool(bool, boost::system::error_code&) { return true; }
  bool on_null(boost::system::error_code&) { return true; }
  bool on_comment_part(json::string_view, boost::system::error_code&) { return true; }
  bool on_comment(json::string_view, boost::system::error_code&) { return true; }

 private:
  std::vector<std::set<std::string>> open_;
  std::string key_;
};

// The first key given twice in one object of `text`, which is valid JSON.
std::optional<std::string> first_repeated_key(const std::string& text) {
  json::basic_parser<repeated_key_finder> parser(json::parse_options{});
  boost::system::error_code ec;
  parser.write_some(false, text.data(), text.size(), ec);
  return parser.handler().repeated;
}

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
  if (const auto key = first_repeated_key(text))
    return refuse("The answer file " + source + " gives \"" + *key +
                  "\" twice in one object: keep one, so it is clear which answer counts.");
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
  auto opened = input_file::open(file, "the answer file", max_answer_file_bytes);
  if (!opened) return opened.error();
  auto text = opened.value().read_all();
  if (!text) return text.error();
  return parse_answers(text.value(), file.string());
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
