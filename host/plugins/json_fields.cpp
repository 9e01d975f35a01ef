#include "host/plugins/json_fields.hpp"

#include <arbor/sdk/display_text.hpp>

#include <algorithm>
#include <charconv>

namespace arbor::host {
namespace {

namespace pt = boost::property_tree;

bool has_keyed_children(const pt::ptree& node) {
  return std::any_of(node.begin(), node.end(), [](const auto& child) { return !child.first.empty(); });
}

bool is_object(const pt::ptree& node) { return node.empty() ? node.data().empty() : has_keyed_children(node); }

bool is_array(const pt::ptree& node) { return node.empty() ? node.data().empty() : !has_keyed_children(node); }

bool is_identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
}

std::string set_to(std::string_view what) { return "set it to " + std::string(what); }

}  // namespace

field_problem::field_problem(std::string f, std::string p, std::string h)
    : field(std::move(f)), problem(std::move(p)), hint(std::move(h)) {}

json_object::json_object(const pt::ptree& node, std::string location) : node_(node), location_(std::move(location)) {}

json_object json_object::root(const pt::ptree& tree) {
  if (!is_object(tree)) {
    throw field_problem("(top level)", "is not a JSON object", "a manifest is one object: {\"manifest_version\": 1, ...}");
  }
  return json_object(tree, "");
}

std::string json_object::field(std::string_view key) const {
  return location_.empty() ? std::string(key) : location_ + "." + std::string(key);
}

const pt::ptree& json_object::required(std::string_view key, std::string_view what) const {
  auto found = node_.find(std::string(key));
  if (found == node_.not_found()) throw field_problem(field(key), "is missing", "add " + std::string(what));
  return found->second;
}

std::string json_object::text(std::string_view key, std::string_view what) const {
  const pt::ptree& node = required(key, what);
  if (!node.empty()) throw field_problem(field(key), "must be a text value, not an object or array", set_to(what));
  if (node.data().empty()) throw field_problem(field(key), "is empty", set_to(what));
  return node.data();
}

std::string json_object::identifier(std::string_view key, std::string_view what) const {
  std::string value = text(key, what);
  auto bad = std::find_if_not(value.begin(), value.end(), is_identifier_char);
  if (bad != value.end()) {
    throw field_problem(field(key), "contains '" + std::string(1, *bad) + "'; only a-z, 0-9, '.', '-' and '_' are allowed",
                        set_to(what));
  }
  return value;
}

std::string json_object::optional_display_text(std::string_view key, std::string_view what,
                                               std::size_t max_bytes) const {
  if (!has(key)) return {};
  std::string value = text(key, what);
  if (value.size() > max_bytes)
    throw field_problem(field(key), "is longer than " + std::to_string(max_bytes) + " bytes", "shorten it");
  if (const auto flaw = sdk::find_text_flaw(value)) {
    const char* problem = flaw->what == sdk::text_flaw::kind::invalid_utf8 ? "is not UTF-8"
                          : flaw->what == sdk::text_flaw::kind::control ? "holds a control character (a line break, tab or escape)"
                                                                         : "holds a bidi control character";
    throw field_problem(field(key), std::string(problem) + " at byte " + std::to_string(flaw->offset),
                        "write it as plain text on one line; the console wraps it");
  }
  return value;
}

bool json_object::has(std::string_view key) const { return node_.find(std::string(key)) != node_.not_found(); }

std::uint16_t json_object::number(std::string_view key, std::string_view what) const {
  const std::string value = text(key, what);
  std::uint16_t parsed = 0;
  const char* end = value.data() + value.size();
  auto [stop, ec] = std::from_chars(value.data(), end, parsed);
  if (ec != std::errc{} || stop != end) {
    throw field_problem(field(key), "must be a whole number from 0 to 65535, not '" + value + "'", set_to(what));
  }
  return parsed;
}

std::vector<std::pair<std::string, std::string>> json_object::text_pairs(std::string_view key, std::string_view what) const {
  if (!has(key)) return {};
  const pt::ptree& node = required(key, what);
  if (!is_object(node)) throw field_problem(field(key), "must be an object", set_to(what));
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& [name, child] : node) {
    if (!child.empty()) throw field_problem(field(key) + "." + name, "must be a text value, not an object or array", set_to(what));
    pairs.emplace_back(name, child.data());
  }
  return pairs;
}

json_object json_object::object(std::string_view key, std::string_view what) const {
  const pt::ptree& node = required(key, what);
  if (!is_object(node)) throw field_problem(field(key), "must be an object", set_to(what));
  return json_object(node, field(key));
}

std::vector<json_object> json_object::objects(std::string_view key, std::string_view what) const {
  auto found = node_.find(std::string(key));
  if (found == node_.not_found()) return {};
  if (!is_array(found->second)) throw field_problem(field(key), "must be an array", set_to(what));
  std::vector<json_object> items;
  for (const auto& [name, child] : found->second) {
    std::string location = field(key) + "[" + std::to_string(items.size()) + "]";
    if (!is_object(child)) throw field_problem(location, "must be an object", set_to(what));
    items.push_back(json_object(child, std::move(location)));
  }
  return items;
}

void json_object::allow_only(std::initializer_list<std::string_view> known) const {
  for (const auto& [name, child] : node_) {
    if (name.starts_with('_') || std::find(known.begin(), known.end(), name) != known.end()) continue;
    throw field_problem(field(name), "is not a manifest field",
                        "check its spelling, or start its name with '_' if it is a comment");
  }
}

std::size_t nesting_depth(std::string_view text) noexcept {
  std::size_t depth = 0;
  std::size_t deepest = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

}  // namespace arbor::host
