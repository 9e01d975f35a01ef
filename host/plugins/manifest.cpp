#include "host/plugins/manifest.hpp"

#include "host/plugins/json_fields.hpp"
#include "host/plugins/plugin_version.hpp"

#include <arbor/sdk/display_text.hpp>

#include <boost/property_tree/json_parser.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

namespace arbor::host {
namespace {

constexpr std::uint16_t supported_manifest_version = 1;
// A manifest nests three levels; anything far deeper is not a manifest and could exhaust the stack.
constexpr std::size_t max_nesting = 32;
constexpr std::size_t max_manifest_bytes = 1024 * 1024;
constexpr std::size_t max_help_bytes = 4096;  // a few paragraphs; a manual belongs in the docs

std::string help_text(const json_object& decl) {
  return decl.optional_display_text("help", "a plain-text explanation shown on F1", max_help_bytes);
}

sdk::error invalid(const std::filesystem::path& file, const std::string& problem, std::string technical = {}) {
  return sdk::fail(sdk::reason::invalid_input, file.string() + ": " + problem, std::move(technical));
}

std::string node_path(const json_object& node) {
  std::string path = node.text("path", "the node's path below Console Root, e.g. \"Advanced Security/Example\"");
  if (path.front() == '/' || path.back() == '/' || path.find("//") != std::string::npos) {
    throw field_problem(node.field("path"), "has an empty segment ('" + path + "')",
                        "write the path as segments joined by single '/', without a leading or trailing '/'");
  }
  return path;
}

std::vector<node_decl> read_nodes(const json_object& root) {
  std::vector<node_decl> nodes;
  std::map<std::string, std::string> seen;
  for (const json_object& node : root.objects("nodes", "an array of {\"path\": ..., \"type\": ...} objects")) {
    node.allow_only({"path", "type", "help"});
    node_decl decl{node_path(node), node.identifier("type", "the node's type, e.g. \"example.root\""), help_text(node)};
    auto [earlier, fresh] = seen.emplace(decl.path, node.field("path"));
    if (!fresh) throw field_problem(node.field("path"), "repeats " + earlier->second, "remove one of the two nodes");
    nodes.push_back(std::move(decl));
  }
  return nodes;
}

std::string action_slot(const json_object& action) {
  std::string slot = action.text("slot", "the menu slot, \"All Tasks\" or \"Properties\"");
  if (slot != slot_all_tasks && slot != slot_properties) {
    throw field_problem(action.field("slot"), "names an unknown menu slot '" + slot + "'",
                        "use \"All Tasks\" or \"Properties\"");
  }
  return slot;
}

bool is_answer_key_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'; }

/// "page.field": two ids of a-z, 0-9, '-' and '_' joined by one '.'.
bool is_answer_key(std::string_view key) {
  const auto dot = key.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == key.size()) return false;
  const auto plain = [](std::string_view id) { return std::all_of(id.begin(), id.end(), is_answer_key_char); };
  return plain(key.substr(0, dot)) && plain(key.substr(dot + 1));
}

std::vector<std::pair<std::string, std::string>> sheet_answers(const json_object& action, const std::string& slot) {
  auto answers = action.text_pairs("sheet_answers", "{\"page.field\": \"value\"}, the answers a property sheet gives "
                                                    "the tab's pages before its login");
  if (!answers.empty() && slot != slot_properties)
    throw field_problem(action.field("sheet_answers"), "is given on an action in \"" + slot + "\"",
                        "only a \"Properties\" tab opens as a property sheet: remove it");
  for (const auto& [key, value] : answers) {
    const std::string where = action.field("sheet_answers") + "." + key;
    if (!is_answer_key(key))
      throw field_problem(where, "is not a page id and a field id joined by '.'", "write it like \"operation.action\"");
    if (value.empty() || sdk::find_text_flaw(value))
      throw field_problem(where, "is empty or holds control characters", "give the answer as plain text, e.g. \"set\"");
  }
  return answers;
}

std::vector<action_decl> read_actions(const json_object& root) {
  std::vector<action_decl> actions;
  std::map<std::string, std::string> seen;
  for (const json_object& action : root.objects("actions", "an array of action objects")) {
    action.allow_only({"id", "label", "node_type", "slot", "help", "sheet_answers"});
    action_decl decl{action.identifier("id", "the action's stable id, e.g. \"export-users\""),
                     action.text("label", "the menu label, e.g. \"Export Users...\""),
                     action.identifier("node_type", "the type of the nodes this action appears on"),
                     action_slot(action), help_text(action), {}};
    decl.sheet_answers = sheet_answers(action, decl.slot);
    auto [earlier, fresh] = seen.emplace(decl.id, action.field("id"));
    if (!fresh) throw field_problem(action.field("id"), "repeats " + earlier->second, "give each action its own id");
    actions.push_back(std::move(decl));
  }
  return actions;
}

std::vector<extends_decl> read_extends(const json_object& root, const std::string& own_id) {
  std::vector<extends_decl> extends;
  for (const json_object& base : root.objects("extends", "an array of {\"plugin\": ..., \"min_version\": ...} objects")) {
    base.allow_only({"plugin", "min_version"});
    extends_decl decl{base.identifier("plugin", "the id of the plugin whose nodes this one extends"), {}};
    if (decl.plugin == own_id)
      throw field_problem(base.field("plugin"), "names this plugin itself", "name the plugin whose node types you extend");
    if (base.has("min_version")) {
      decl.min_version = base.text("min_version", "the oldest version of that plugin this one works with, e.g. \"0.2.0\"");
      if (!is_dotted_version(decl.min_version))
        throw field_problem(base.field("min_version"), "is '" + decl.min_version + "', not dotted numbers",
                            "write it like \"0.2.0\"");
    }
    extends.push_back(std::move(decl));
  }
  return extends;
}

void check_manifest_version(const json_object& root) {
  const std::uint16_t version = root.number("manifest_version", "1, the manifest format this file uses");
  if (version != supported_manifest_version) {
    throw field_problem("manifest_version", "is " + std::to_string(version) + ", but this console reads version 1",
                        "use a console that reads manifest version " + std::to_string(version) +
                            ", or install the plugin's version-1 manifest");
  }
}

manifest read_fields(const json_object& root, const std::filesystem::path& file) {
  root.allow_only({"manifest_version", "id", "name", "version", "api", "library", "nodes", "actions", "extends"});
  check_manifest_version(root);
  manifest m;
  m.file = file;
  m.id = root.identifier("id", "the plugin's id in reverse-DNS style, e.g. \"org.example.backup\"");
  m.name = root.text("name", "the plugin's display name");
  m.version = root.text("version", "the plugin's version, the same as in its library's entry point");
  const json_object api = root.object("api", "{\"major\": 1, \"minor\": 0}, the SDK API version the plugin was built for");
  api.allow_only({"major", "minor"});
  m.api_major = api.number("major", "the SDK API version the plugin was built for");
  m.api_minor = api.number("minor", "the SDK API minor version the plugin was built for");
  m.library = root.text("library", "the file name of the plugin's shared library, e.g. \"libarbor_example.so\"");
  m.nodes = read_nodes(root);
  m.actions = read_actions(root);
  m.extends = read_extends(root, m.id);
  return m;
}

}  // namespace

sdk::result<manifest> parse_manifest(const std::string& text, const std::filesystem::path& file) {
  if (nesting_depth(text) > max_nesting) {
    return invalid(file, "nests arrays and objects more than " + std::to_string(max_nesting) +
                             " levels deep, which no manifest does: check that the file is a plugin manifest");
  }
  boost::property_tree::ptree tree;
  try {
    std::istringstream in(text);
    boost::property_tree::read_json(in, tree);
  } catch (const boost::property_tree::json_parser_error& e) {
    return invalid(file, "is not valid JSON (line " + std::to_string(e.line()) + ": " + e.message() +
                             "): fix the syntax there",
                   file.string() + ":" + std::to_string(e.line()) + ": " + e.message());
  }
  try {
    return read_fields(json_object::root(tree), file);
  } catch (const field_problem& p) {
    return invalid(file, "field '" + p.field + "' " + p.problem + ": " + p.hint);
  }
}

sdk::result<manifest> read_manifest(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return invalid(file, std::string("cannot be read (") + std::strerror(errno) +
                             "): check that the file exists and the console's user may read it");
  }
  std::string text(max_manifest_bytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) return invalid(file, "could not be read to the end: check the disk and the file");
  if (text.size() > max_manifest_bytes) {
    return invalid(file, "is larger than 1 MiB, which no manifest is: check that the file is a plugin manifest");
  }
  return parse_manifest(text, file);
}

}  // namespace arbor::host
