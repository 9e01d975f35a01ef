#define BOOST_TEST_MODULE manifest_parsing
#include <boost/test/unit_test.hpp>

#include "host/plugins/manifest.hpp"
#include "test_support.hpp"

#include <string>
#include <utility>

using arbor::host::parse_manifest;
using arbor::host::read_manifest;
using arbor::host::test::mentions;

namespace {

const std::string valid = R"({
  "manifest_version": 1, "id": "org.arbor.example", "name": "Example", "version": "1.2.0",
  "api": {"major": 1, "minor": 0}, "library": "libarbor_example.so",
  "nodes": [{"path": "Advanced Security/Example", "type": "example.root"},
            {"path": "Advanced Security/Example/Archive", "type": "example.archive"}],
  "actions": [{"id": "greet", "label": "Greet", "node_type": "example.root", "slot": "All Tasks"},
              {"id": "general", "label": "General", "node_type": "example.root", "slot": "Properties"}]
})";

/// `valid` with the first occurrence of `from` replaced by `to`.
std::string with(std::string_view from, std::string_view to) {
  std::string text = valid;
  auto at = text.find(from);
  BOOST_TEST_REQUIRE(at != std::string::npos, "the valid manifest has no " << from);
  return text.replace(at, from.size(), to);
}

std::string error_for(const std::string& text) {
  auto parsed = parse_manifest(text, "manifests/example.json");
  BOOST_TEST_REQUIRE(!parsed.ok(), "the manifest was accepted");
  BOOST_TEST((parsed.error().why == arbor::sdk::reason::invalid_input));
  return parsed.error().message;
}

}  // namespace

BOOST_AUTO_TEST_CASE(valid_manifest_yields_every_field) {
  auto parsed = parse_manifest(valid, "manifests/example.json");
  BOOST_TEST_REQUIRE(parsed.ok(), (parsed.ok() ? "" : parsed.error().message));
  const auto& m = parsed.value();
  BOOST_TEST(m.file == "manifests/example.json");
  BOOST_TEST(m.id == "org.arbor.example");
  BOOST_TEST(m.name == "Example");
  BOOST_TEST(m.version == "1.2.0");
  BOOST_TEST(m.api_major == 1);
  BOOST_TEST(m.api_minor == 0);
  BOOST_TEST(m.library == "libarbor_example.so");
  BOOST_TEST_REQUIRE(m.nodes.size() == 2u);
  BOOST_TEST(m.nodes[1].path == "Advanced Security/Example/Archive");
  BOOST_TEST(m.nodes[1].type == "example.archive");
  BOOST_TEST_REQUIRE(m.actions.size() == 2u);
  BOOST_TEST(m.actions[1].id == "general");
  BOOST_TEST(m.actions[1].label == "General");
  BOOST_TEST(m.actions[1].node_type == "example.root");
  BOOST_TEST(m.actions[1].slot == "Properties");
}

BOOST_AUTO_TEST_CASE(fields_starting_with_underscore_are_ignored_at_every_level) {
  std::string text = with(R"("manifest_version")", R"("_comment": "why", "_x": {"y": [1]}, "manifest_version")");
  text.replace(text.find(R"("major")"), 7, R"("_note": "n", "major")");
  text.replace(text.find(R"("path")"), 6, R"("_todo": 1, "path")");
  text.replace(text.find(R"("label")"), 7, R"("_hint": "h", "label")");
  auto parsed = parse_manifest(text, "x.json");
  BOOST_TEST(parsed.ok(), (parsed.ok() ? "" : parsed.error().message));
}

BOOST_AUTO_TEST_CASE(nodes_and_actions_may_be_left_out) {
  auto parsed = parse_manifest(R"({"manifest_version": 1, "id": "a.b", "name": "A", "version": "1",
                                   "api": {"major": 1, "minor": 0}, "library": "liba.so"})",
                               "a.json");
  BOOST_TEST_REQUIRE(parsed.ok());
  BOOST_TEST(parsed.value().nodes.empty());
  BOOST_TEST(parsed.value().actions.empty());
}

BOOST_AUTO_TEST_CASE(extends_names_base_plugins_with_an_optional_minimum_version) {
  auto parsed = parse_manifest(with(R"("actions")", R"("extends": [{"plugin": "org.arbor.keymanager", "min_version": "0.2.0"},
                                                                  {"plugin": "org.example.other"}], "actions")"),
                               "x.json");
  BOOST_TEST_REQUIRE(parsed.ok(), (parsed.ok() ? "" : parsed.error().message));
  const auto& extends = parsed.value().extends;
  BOOST_TEST_REQUIRE(extends.size() == 2u);
  BOOST_TEST(extends[0].plugin == "org.arbor.keymanager");
  BOOST_TEST(extends[0].min_version == "0.2.0");
  BOOST_TEST(extends[1].min_version.empty());
}

BOOST_AUTO_TEST_CASE(invalid_extends_are_named_with_their_problem) {
  const std::pair<std::string, std::string> cases[] = {
      {R"("extends": {"plugin": "a.b"})", "field 'extends' must be an array"},
      {R"("extends": [{"min_version": "1"}])", "field 'extends[0].plugin' is missing"},
      {R"("extends": [{"plugin": "org.arbor.example"}])", "field 'extends[0].plugin' names this plugin itself"},
      {R"("extends": [{"plugin": "a.b", "min_version": "1.x"}])", "field 'extends[0].min_version' is '1.x', not dotted numbers"},
      {R"("extends": [{"plugin": "a.b", "version": "1"}])", "field 'extends[0].version' is not a manifest field"},
  };
  for (const auto& [extends, expected] : cases) {
    BOOST_TEST_CONTEXT(extends) { BOOST_TEST(mentions(error_for(with(R"("actions")", extends + R"(, "actions")")), {expected})); }
  }
}

BOOST_AUTO_TEST_CASE(missing_api_major_names_file_field_and_what_to_add) {
  BOOST_TEST(error_for(with(R"("major": 1, )", "")) ==
             "manifests/example.json: field 'api.major' is missing: add the SDK API version the plugin was built for");
}

BOOST_AUTO_TEST_CASE(each_invalid_field_is_named_with_its_problem) {
  const std::pair<std::string, std::string> mutations[][2] = {
      {{R"("manifest_version": 1)", R"("manifest_version": 2)"}, {"manifest_version", "is 2, but this console reads version 1"}},
      {{R"("org.arbor.example")", R"("org.Arbor.example")"}, {"id", "contains 'A'"}},
      {{R"("org.arbor.example")", R"("")"}, {"id", "is empty"}},
      {{R"("name": "Example")", R"("name": {"en": "Example"})"}, {"name", "must be a text value"}},
      {{R"("version": "1.2.0",)", ""}, {"version", "is missing: add the plugin's version"}},
      {{R"("major": 1)", R"("major": "one")"}, {"api.major", "must be a whole number from 0 to 65535"}},
      {{R"("minor": 0)", R"("minor": 70000)"}, {"api.minor", "must be a whole number from 0 to 65535"}},
      {{R"("api": {"major": 1, "minor": 0})", R"("api": "1.0")"}, {"api", "must be an object"}},
      {{R"("library": "libarbor_example.so",)", ""}, {"library", "is missing"}},
      {{R"("nodes": [)", R"("nodes": "Example", "_old": [)"}, {"nodes", "must be an array"}},
      {{R"("Advanced Security/Example")", R"("/Advanced Security/Example")"}, {"nodes[0].path", "has an empty segment"}},
      {{R"("Advanced Security/Example/Archive")", R"("Advanced Security/Example")"}, {"nodes[1].path", "repeats nodes[0].path"}},
      {{R"("type": "example.root")", R"("type": "Example Root")"}, {"nodes[0].type", "contains 'E'"}},
      {{R"("slot": "All Tasks")", R"("slot": "Tasks")"}, {"actions[0].slot", "names an unknown menu slot 'Tasks'"}},
      {{R"("id": "general")", R"("id": "greet")"}, {"actions[1].id", "repeats actions[0].id"}},
      {{R"("node_type": "example.root", )", ""}, {"actions[0].node_type", "is missing"}},
      {{R"("label": "Greet", )", R"("label": "Greet", "lable": "Greet", )"}, {"actions[0].lable", "is not a manifest field"}},
      {{R"("library")", R"("libary")"}, {"libary", "is not a manifest field"}},
  };
  for (const auto& [change, expected] : mutations) {
    BOOST_TEST_CONTEXT("replacing " << change.first << " with " << change.second) {
      BOOST_TEST(mentions(error_for(with(change.first, change.second)),
                          {"manifests/example.json: field '" + expected.first + "' ", expected.second}));
    }
  }
}

BOOST_AUTO_TEST_CASE(help_texts_of_nodes_and_actions_are_read_when_present) {
  auto parsed = parse_manifest(with(R"("type": "example.root")", R"("type": "example.root", "help": "Where examples live.")"),
                               "manifests/example.json");
  BOOST_TEST_REQUIRE(parsed.ok(), (parsed.ok() ? "" : parsed.error().message));
  BOOST_TEST(parsed.value().nodes[0].help == "Where examples live.");
  BOOST_TEST(parsed.value().nodes[1].help.empty());

  auto action = parse_manifest(with(R"("slot": "All Tasks")", R"("slot": "All Tasks", "help": "Says hello, ünïcode too.")"),
                               "manifests/example.json");
  BOOST_TEST_REQUIRE(action.ok(), (action.ok() ? "" : action.error().message));
  BOOST_TEST(action.value().actions[0].help == "Says hello, ünïcode too.");
  BOOST_TEST(action.value().actions[1].help.empty());
}

BOOST_AUTO_TEST_CASE(manifests_without_help_texts_still_parse) {
  auto parsed = parse_manifest(valid, "manifests/example.json");
  BOOST_TEST_REQUIRE(parsed.ok());
  for (const auto& node : parsed.value().nodes) BOOST_TEST(node.help.empty());
  for (const auto& action : parsed.value().actions) BOOST_TEST(action.help.empty());
}

BOOST_AUTO_TEST_CASE(help_texts_of_the_wrong_type_or_with_control_characters_are_refused) {
  const std::string slot = R"("slot": "All Tasks")";
  const std::pair<std::string, std::string> cases[] = {
      {slot + R"(, "help": ["one", "two"])", "must be a text value"},
      {slot + R"(, "help": {"en": "Hi"})", "must be a text value"},
      {slot + R"(, "help": "")", "is empty"},
      {slot + R"(, "help": "line one\nline two")", "holds a control character"},
      {slot + R"(, "help": "bell\u0007")", "holds a control character"},
      {slot + R"(, "help": "escape \u001b[31mred")", "holds a control character"},
      {slot + R"(, "help": "C1 \u009b")", "holds a control character"},
      {slot + R"(, "help": "turned \u202e around")", "holds a bidi control character"},
      {slot + R"(, "help": ")" + std::string(5000, 'x') + "\"", "is longer than 4096 bytes"},
  };
  for (const auto& [replacement, expected] : cases) {
    BOOST_TEST_CONTEXT(replacement.substr(0, 60)) {
      BOOST_TEST(mentions(error_for(with(slot, replacement)), {"field 'actions[0].help' ", expected}));
    }
  }
  BOOST_TEST(mentions(error_for(with(R"("type": "example.root")", R"("type": "example.root", "help": "a\tb")")),
                      {"field 'nodes[0].help' ", "holds a control character"}));
}

BOOST_AUTO_TEST_CASE(a_properties_tab_may_give_its_sheet_answers) {
  auto parsed = parse_manifest(with(R"("slot": "Properties")", R"("slot": "Properties", "sheet_answers": {"operation.action": "set"})"),
                               "manifests/example.json");
  BOOST_TEST_REQUIRE(parsed.ok(), (parsed.ok() ? "" : parsed.error().message));
  const auto& answers = parsed.value().actions[1].sheet_answers;
  BOOST_TEST_REQUIRE(answers.size() == 1u);
  BOOST_TEST(answers[0].first == "operation.action");
  BOOST_TEST(answers[0].second == "set");
  BOOST_TEST(parsed.value().actions[0].sheet_answers.empty());
}

BOOST_AUTO_TEST_CASE(wrong_sheet_answers_are_refused) {
  const std::string slot = R"("slot": "Properties")";
  const std::pair<std::string, std::string> cases[][1] = {
      {{slot + R"(, "sheet_answers": "set")", "must be an object"}},
      {{slot + R"(, "sheet_answers": {"operation": "set"})", "is not a page id and a field id joined by '.'"}},
      {{slot + R"(, "sheet_answers": {"Operation.action": "set"})", "is not a page id and a field id"}},
      {{slot + R"(, "sheet_answers": {"operation.action": ["set"]})", "must be a text value"}},
      {{slot + R"(, "sheet_answers": {"operation.action": "se\u001bt"})", "holds control characters"}},
  };
  for (const auto& [c] : cases) {
    BOOST_TEST_CONTEXT(c.first) {
      BOOST_TEST(mentions(error_for(with(slot, c.first)), {"field 'actions[1].sheet_answers", c.second}));
    }
  }
  BOOST_TEST(mentions(error_for(with(R"("slot": "All Tasks")", R"("slot": "All Tasks", "sheet_answers": {"a.b": "c"})")),
                      {"field 'actions[0].sheet_answers' ", "only a \"Properties\" tab opens as a property sheet"}));
}

BOOST_AUTO_TEST_CASE(invalid_json_is_reported_with_its_line) {
  BOOST_TEST(mentions(error_for(with(R"("name": "Example",)", R"("name": "Example")")),
                      {"manifests/example.json: is not valid JSON (line 2", "fix the syntax"}));
}

BOOST_AUTO_TEST_CASE(top_level_that_is_not_an_object_is_refused) {
  BOOST_TEST(mentions(error_for(R"([1, 2])"), {"field '(top level)' is not a JSON object"}));
}

BOOST_AUTO_TEST_CASE(deep_nesting_is_refused_before_parsing) {
  BOOST_TEST(mentions(error_for(std::string(100000, '[') + std::string(100000, ']')), {"levels deep"}));
}

BOOST_AUTO_TEST_CASE(brackets_inside_strings_do_not_count_as_nesting) {
  BOOST_TEST(parse_manifest(with(R"("Example")", "\"" + std::string(100, '[') + "\\\"{\"") , "x.json").ok());
}

BOOST_AUTO_TEST_CASE(unreadable_file_is_reported_with_what_to_check) {
  auto read = read_manifest("/nonexistent/arbor/manifest.json");
  BOOST_TEST_REQUIRE(!read.ok());
  BOOST_TEST(mentions(read.error().message, {"/nonexistent/arbor/manifest.json: cannot be read", "exists"}));
}

BOOST_AUTO_TEST_CASE(fixture_manifest_with_comment_reads_from_disk) {
  auto read = read_manifest(arbor::host::test::broken_manifests / "00-healthy.json");
  BOOST_TEST_REQUIRE(read.ok(), (read.ok() ? "" : read.error().message));
  BOOST_TEST(read.value().id == "org.arbor.fixture.tiny");
}
