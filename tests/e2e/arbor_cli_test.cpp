#define BOOST_TEST_MODULE arbor_cli
#include <boost/test/unit_test.hpp>

#include "arbor_process.hpp"

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>

// The real `arbor` binary against the complete test plugin (ARBOR_FIXTURE_COMPLETE_DIR) and the
// broken fixtures (ARBOR_FIXTURE_BROKEN_DIR, libraries in ARBOR_FIXTURE_LIB_DIR).

namespace fs = std::filesystem;
namespace json = boost::json;
using arbor::test::arbor_result;
using arbor::test::run_arbor;

namespace {

const std::string complete_root = "Test Tools/Complete";

/// A scratch directory whose name has spaces, quotes and non-ASCII characters.
struct scratch {
  fs::path dir;
  scratch() {
    char pattern[] = "/tmp/arbor e2e 'q' \"dq\" ü-XXXXXX";
    dir = ::mkdtemp(pattern);
  }
  ~scratch() { fs::remove_all(dir); }

  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / name, std::ios::binary) << text;
    return dir / name;
  }

  /// A valid answer file for "exercise" whose report goes to `report` (quoted for JSON).
  fs::path answers(const fs::path& report, const std::string& name = "Ada") const {
    const json::object doc{{"identity", {{"name", name}, {"output", report.string()}}},
                           {"options", {{"extras", json::array{"logs", "archive"}}, {"advanced", true}}},
                           {"advanced", {{"level", "3"}}},
                           {"confirm", {{"proceed", true}}}};
    return write("answers 'ü'.json", json::serialize(doc));
  }
};

std::vector<std::string> with_complete(std::vector<std::string> args) {
  args.insert(args.begin(), {"--manifests", ARBOR_FIXTURE_COMPLETE_DIR});
  return args;
}

std::vector<std::string> with_broken(std::vector<std::string> args) {
  args.insert(args.begin(), {"--manifests", ARBOR_FIXTURE_COMPLETE_DIR, "--manifests", ARBOR_FIXTURE_BROKEN_DIR,
                             "--plugin-dir", ARBOR_FIXTURE_LIB_DIR});
  return args;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

json::value parsed(const arbor_result& r) {
  BOOST_TEST_INFO("stdout: " << r.out << "\nstderr: " << r.err);
  return json::parse(r.out);
}

arbor_result run_exercise(const scratch& s, const fs::path& answers, std::vector<std::string> extra = {}) {
  const fs::path passwords = s.write("pass words.txt", "s3cret-pass\n");
  std::vector<std::string> args = {"run", complete_root, "exercise", "--answers", answers.string(), "--password-file",
                                   passwords.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_arbor(with_complete(args));
}

}  // namespace

BOOST_AUTO_TEST_CASE(tree_shows_console_root_and_the_complete_plugins_nodes) {
  const arbor_result r = run_arbor(with_complete({"tree"}));
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out.starts_with("Console Root\n"));
  BOOST_TEST(contains(r.out, "Test Tools"));
  BOOST_TEST(contains(r.out, "Complete  [test.complete.root, org.arbor.test.complete]"));
  BOOST_TEST(contains(r.out, "Child  [test.complete.child, org.arbor.test.complete]"));
}

BOOST_AUTO_TEST_CASE(tree_json_nests_the_nodes_under_console_root) {
  const arbor_result r = run_arbor(with_complete({"tree", "--json"}));
  BOOST_REQUIRE(r.exit_code == 0);
  const json::value tree = parsed(r);
  BOOST_TEST(tree.at("name").as_string() == "Console Root");
  const json::value& complete = tree.at("children").at(0).at("children").at(0);
  BOOST_TEST(complete.at("path").as_string() == "Console Root/Test Tools/Complete");
  BOOST_TEST(complete.at("plugin").as_string() == "org.arbor.test.complete");
  BOOST_TEST(complete.at("children").as_array().size() == 1u);
}

BOOST_AUTO_TEST_CASE(plugins_lists_failures_with_reasons_and_still_exits_0) {
  const arbor_result r = run_arbor(with_broken({"plugins"}));
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(contains(r.out, "org.arbor.test.complete  loaded"));
  BOOST_TEST(contains(r.out, "org.arbor.fixture.tiny  loaded"));
  BOOST_TEST(contains(r.out, "org.arbor.fixture.api-major  failed"));
  BOOST_TEST(contains(r.out, "org.arbor.fixture.missing-library  failed"));
  BOOST_TEST(contains(r.out, "error (incompatible)"));
}

BOOST_AUTO_TEST_CASE(plugins_json_gives_each_failed_plugin_its_error) {
  const arbor_result r = run_arbor(with_broken({"plugins", "--json"}));
  BOOST_REQUIRE(r.exit_code == 0);
  std::size_t failed = 0;
  const json::value plugins = parsed(r);
  for (const json::value& p : plugins.as_array()) {
    if (p.at("state").as_string() != "failed") {
      BOOST_TEST(p.at("error").is_null());
      continue;
    }
    ++failed;
    BOOST_TEST(!p.at("error").at("message").as_string().empty());
  }
  BOOST_TEST(failed >= 5u);
}

BOOST_AUTO_TEST_CASE(show_prints_notices_and_both_tables_one_page_at_a_time) {
  const arbor_result r = run_arbor(with_complete({"show", "Console Root/" + complete_root, "--first", "20", "--rows", "10"}));
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(contains(r.out, "! This is a test plugin"));
  BOOST_TEST(contains(r.out, "Items (rows 21-25 of 25)"));
  BOOST_TEST(contains(r.out, "item-25"));
  BOOST_TEST(!contains(r.out, "item-20 "));
  BOOST_TEST(contains(r.out, "Settings"));
}

BOOST_AUTO_TEST_CASE(show_json_keys_rows_by_column_id) {
  const arbor_result r = run_arbor(with_complete({"--json", "--config", "greeting=Hi there", "show", complete_root}));
  BOOST_REQUIRE(r.exit_code == 0);
  const json::value view = parsed(r);
  BOOST_TEST(view.at("notices").as_array().size() == 2u);
  BOOST_TEST(view.at("tables").at(0).at("total_rows").as_int64() == 25);
  BOOST_TEST(view.at("tables").at(0).at("rows").at(0).at("name").as_string() == "item-1");
  BOOST_TEST(view.at("tables").at(1).at("rows").at(0).at("value").as_string() == "Hi there");
}

BOOST_AUTO_TEST_CASE(actions_lists_all_tasks_and_properties) {
  const arbor_result r = run_arbor(with_complete({"actions", complete_root, "--json"}));
  BOOST_REQUIRE(r.exit_code == 0);
  const json::value menu = parsed(r);
  BOOST_TEST(menu.at("all_tasks").at(0).at("id").as_string() == "exercise");
  BOOST_TEST(menu.at("properties").at(0).at("id").as_string() == "general");
}

BOOST_AUTO_TEST_CASE(describe_lists_every_field_and_an_example_answer_file) {
  const arbor_result text = run_arbor(with_complete({"describe", complete_root, "exercise"}));
  BOOST_TEST(text.exit_code == 0);
  BOOST_TEST(contains(text.out, "identity.password  Password  (secret, required)"));
  BOOST_TEST(contains(text.out, "options: red green blue"));
  BOOST_TEST(contains(text.out, "Example answer file:"));

  const arbor_result r = run_arbor(with_complete({"describe", complete_root, "exercise", "--json"}));
  BOOST_REQUIRE(r.exit_code == 0);
  const json::value spec = parsed(r);
  BOOST_TEST(spec.at("pages").as_array().size() == 4u);
  BOOST_TEST(spec.at("secrets").at(0).as_string() == "identity.password");
  BOOST_TEST(spec.at("example_answers").at("options").at("color").as_string() == "green");
  BOOST_TEST(!spec.at("example_answers").at("identity").as_object().contains("password"));
}

BOOST_AUTO_TEST_CASE(run_completes_the_wizard_and_prints_the_summary) {
  scratch s;
  const fs::path report = s.dir / "report \"1\" ü.txt";
  const arbor_result r = run_exercise(s, s.answers(report));
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out.starts_with("Exercise complete\n"));
  BOOST_TEST(contains(r.out, "Name: Ada"));
  BOOST_TEST(contains(r.out, "identity  password  (given)"));
  BOOST_TEST(!contains(r.out + r.err, "s3cret-pass"));
  BOOST_TEST(fs::exists(report));
}

BOOST_AUTO_TEST_CASE(run_json_summary_has_items_details_and_a_table) {
  scratch s;
  const arbor_result r = run_exercise(s, s.answers(s.dir / "report.txt"), {"--json", "--data-dir", (s.dir / "data").string()});
  BOOST_REQUIRE(r.exit_code == 0);
  const json::value summary = parsed(r);
  BOOST_TEST(summary.at("title").as_string() == "Exercise complete");
  BOOST_TEST(summary.at("items").at("name").at("value").as_string() == "Ada");
  BOOST_TEST(summary.at("items").at("extras").at("details").as_array().size() == 2u);
  BOOST_TEST(summary.at("items").at("data-directory").at("value").as_string() == (s.dir / "data").string());
  BOOST_TEST(summary.at("table").at("title").as_string() == "Answers");
}

// A name with an OSC (window title) and a CSI (red) sequence, NEL (C1) and RLO (bidi override),
// as a display name read from a CSV would be: echoed in the summary, it must not reach the
// terminal raw, and --json must stay valid JSON even with a byte that is not UTF-8.
const std::string hostile_name = "Eve\x1b]0;pwned\x07\x1b[31m\u0085\u202E";

BOOST_AUTO_TEST_CASE(text_output_escapes_terminal_and_bidi_controls) {
  scratch s;
  const arbor_result r = run_exercise(s, s.answers(s.dir / "report.txt"), {"--set", "identity.name=" + hostile_name});
  BOOST_TEST_INFO("stdout: " << r.out << "\nstderr: " << r.err);
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(contains(r.out, "Name: Eve\\x1B]0;pwned\\x07\\x1B[31m\\u0085\\u202E"));
  for (const std::string raw : {"\x1b", "\x07", "\u0085", "\u202E"}) BOOST_TEST(!contains(r.out + r.err, raw));
}

BOOST_AUTO_TEST_CASE(json_output_stays_valid_with_controls_and_bytes_that_are_not_utf8) {
  scratch s;
  const arbor_result r =
      run_exercise(s, s.answers(s.dir / "report.txt"), {"--json", "--set", "identity.name=" + hostile_name + "\xff"});
  BOOST_TEST_INFO("stdout: " << r.out << "\nstderr: " << r.err);
  BOOST_REQUIRE(r.exit_code == 0);
  for (const std::string raw : {"\x1b", "\u0085", "\u202E", "\xff"}) BOOST_TEST(!contains(r.out, raw));
  boost::system::error_code ec;
  const json::value summary = json::parse(r.out, ec);
  BOOST_REQUIRE(!ec);
  BOOST_TEST(summary.at("items").at("name").at("value").as_string() == hostile_name + "\uFFFD");
}

BOOST_AUTO_TEST_CASE(passwords_can_come_from_a_descriptor) {
  scratch s;
  const arbor_result r = run_arbor(with_complete({"run", complete_root, "exercise", "--answers",
                                                  s.answers(s.dir / "report.txt").string(), "--password-fd", "{fd}"}),
                                   std::string("from-a-pipe\n"));
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST_INFO(r.err);
}

BOOST_AUTO_TEST_CASE(set_overrides_the_answer_file) {
  scratch s;
  const arbor_result r = run_exercise(s, s.answers(s.dir / "report.txt"), {"--set", "identity.name=Grace", "--json"});
  BOOST_REQUIRE(r.exit_code == 0);
  BOOST_TEST(parsed(r).at("items").at("name").at("value").as_string() == "Grace");
}

BOOST_AUTO_TEST_CASE(a_properties_tab_asks_for_a_password_while_it_runs) {
  scratch s;
  const fs::path passwords = s.write("pw", "tab-pass\n");
  const arbor_result r = run_arbor(with_complete({"run", complete_root, "general", "--set", "general.note=hello",
                                                  "--password-file", passwords.string(), "--data-dir",
                                                  (s.dir / "data").string()}));
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(fs::exists(s.dir / "data" / "note.txt"));
}

BOOST_AUTO_TEST_CASE(a_wizard_without_pages_runs_on_the_child_node) {
  const arbor_result r = run_arbor(with_complete({"run", complete_root + "/Child", "inspect"}));
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(contains(r.out, "Type: test.complete.child"));
}

BOOST_AUTO_TEST_CASE(usage_errors_exit_2) {
  BOOST_TEST(run_arbor({"frobnicate"}).exit_code == 2);
  BOOST_TEST(run_arbor({"show"}).exit_code == 2);
  BOOST_TEST(run_arbor({"tree", "--answers", "x"}).exit_code == 2);
  BOOST_TEST(run_arbor({}).exit_code == 2);  // no command and no terminal
  const arbor_result unknown = run_arbor(with_complete({"show", "Test Tools/complete"}));
  BOOST_TEST(unknown.exit_code == 2);
  BOOST_TEST(contains(unknown.err, "case-sensitive"));
  BOOST_TEST(run_arbor(with_complete({"run", complete_root, "nope"})).exit_code == 2);
  BOOST_TEST(run_arbor(with_complete({"run", complete_root, "exercise", "--answers", "/no/such file.json"})).exit_code == 2);
}

BOOST_AUTO_TEST_CASE(a_secret_in_the_answer_file_is_refused_with_exit_3) {
  scratch s;
  const fs::path answers = s.write("a.json", R"({"identity": {"name": "Ada", "output": "/tmp/x", "password": "leak"}})");
  const arbor_result r = run_exercise(s, answers, {"--json"});
  BOOST_TEST(r.exit_code == 3);
  BOOST_TEST(contains(r.err, "field \"password\" on page \"identity\""));
  BOOST_TEST(contains(r.err, "--password-file"));
  BOOST_TEST(!contains(r.out + r.err, "leak"));
  BOOST_TEST(parsed(r).at("error").at("reason").as_string() == "invalid-input");
}

BOOST_AUTO_TEST_CASE(a_page_that_fails_validation_exits_3_naming_the_page) {
  scratch s;
  const arbor_result r = run_exercise(s, s.answers(s.dir / "report.txt", "nobody"), {"--json"});
  BOOST_TEST(r.exit_code == 3);
  BOOST_TEST(contains(r.err, "Page \"Identity\""));
  BOOST_TEST(!contains(r.err, "\"identity\""));
  BOOST_TEST(contains(r.err, "reserved"));
  BOOST_TEST(parsed(r).at("error").at("page").as_string() == "identity");
  BOOST_TEST(!fs::exists(s.dir / "report.txt"));
}

BOOST_AUTO_TEST_CASE(text_output_names_the_page_by_its_title_and_its_id_only_with_verbose) {
  scratch s;
  const arbor_result plain = run_exercise(s, s.answers(s.dir / "report.txt", "nobody"));
  BOOST_TEST(plain.exit_code == 3);
  BOOST_TEST(contains(plain.err, "Page \"Identity\""));
  BOOST_TEST(!contains(plain.err, "\"identity\""));
  const arbor_result verbose = run_exercise(s, s.answers(s.dir / "report.txt", "nobody"), {"--verbose"});
  BOOST_TEST(verbose.exit_code == 3);
  BOOST_TEST(contains(verbose.err, "at: page \"identity\""), verbose.err);
}

BOOST_AUTO_TEST_CASE(running_an_action_of_a_failed_plugin_exits_4_with_the_reason) {
  const arbor_result r = run_arbor(with_broken({"run", "Fixtures/API Major", "greet"}));
  BOOST_TEST(r.exit_code == 4);
  BOOST_TEST(contains(r.err, "api_major.json"));
}

BOOST_AUTO_TEST_CASE(a_plugin_that_throws_exits_4_and_the_console_names_it) {
  const arbor_result shown = run_arbor(with_broken({"show", "Fixtures/Throws In Calls"}));
  BOOST_TEST(shown.exit_code == 4);
  BOOST_TEST(contains(shown.err, "org.arbor.fixture.throws-in-calls"));
  BOOST_TEST(run_arbor(with_broken({"run", "Fixtures/Throws In Calls", "greet", "--set", "who.name=x"})).exit_code == 4);
}

BOOST_AUTO_TEST_CASE(a_task_that_fails_exits_5) {
  scratch s;
  const arbor_result r = run_exercise(s, s.answers(s.dir / "missing dir" / "report.txt"));
  BOOST_TEST(r.exit_code == 5);
  BOOST_TEST(contains(r.err, "Could not write the report file"));
}

BOOST_AUTO_TEST_CASE(a_refused_confirmation_cancels_with_exit_6_and_yes_agrees) {
  scratch s;
  const fs::path report = s.write("existing.txt", "keep me\n");
  const arbor_result refused = run_exercise(s, s.answers(report));
  BOOST_TEST(refused.exit_code == 6);
  BOOST_TEST(contains(refused.err, "--yes"));
  BOOST_TEST(run_exercise(s, s.answers(report), {"--yes"}).exit_code == 0);
}

BOOST_AUTO_TEST_CASE(help_documents_the_exit_codes_and_each_command) {
  const arbor_result help = run_arbor({"--help"});
  BOOST_TEST(help.exit_code == 0);
  for (const char* code : {"0  success", "2  usage", "3  validation", "4  plugin", "5  task", "6  cancelled"})
    BOOST_TEST(contains(help.out, code));
  BOOST_TEST(contains(run_arbor({"run", "--help"}).out, "--password-fd N"));
  BOOST_TEST(contains(run_arbor({"help", "show"}).out, "--first N"));
  BOOST_TEST(run_arbor({"--version"}).out.starts_with("arbor "));
}
