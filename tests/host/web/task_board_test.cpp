#define BOOST_TEST_MODULE web_task_board
#include <boost/test/unit_test.hpp>

#include "host/web/path_listing.hpp"
#include "host/web/task_board.hpp"
#include "host/web/web_answer_source.hpp"
#include "host/web/web_progress.hpp"
#include "pausing_log.hpp"
#include "temporary_directory.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <future>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <sys/stat.h>

using namespace arbor::host;
using namespace arbor::host::web;
using arbor::host::web::test::pausing_log;
namespace sdk = arbor::sdk;
namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

constexpr const char* password = "correct-horse-battery-staple";
constexpr const char* alice = "session-alice";
constexpr const char* bob = "session-bob";
const std::filesystem::path fixture_manifests = ARBOR_SOURCE_DIR "/tests/fixtures/manifests/broken";
const std::filesystem::path fixture_libraries = ARBOR_BINARY_DIR "/tests/fixtures/lib";
// The Key Manager as built, with its manifest beside (arbor_add_plugin); opened only by the test using it.
const std::filesystem::path built_manifests = ARBOR_BINARY_DIR "/lib/arbor/manifests";
const std::filesystem::path built_plugins = ARBOR_BINARY_DIR "/lib/arbor/plugins";

std::string rows_manifest() {
  return R"({"manifest_version": 1, "id": "org.arbor.fixture.row-actions", "name": "Rows", "version": "1.0.0",
  "api": {"major": 1, "minor": 2}, "library": "libarbor_fixture_row_actions.so",
  "nodes": [{"path": "Fixtures/rows", "type": "rows"}],
  "actions": [{"id": "greet", "label": "Greet", "node_type": "rows", "slot": "All Tasks"}]})";
}

/// The web console's tasks over the fixture plugins, the complete test plugin and a row plugin.
struct web_console {
  arbor::testing::temporary_directory dir;
  pausing_log log;
  web_progress progress;
  service_table services;
  std::optional<plugin_registry> registry;
  std::optional<console_tree> tree;
  plugin_gate gate;
  std::optional<task_board> board;
  std::vector<std::string> states_seen;  ///< every state JSON a test read, to search for secrets

  explicit web_console(std::size_t max_tasks = 4) {
    services.set_log(&log);
    services.set_progress(&progress);
    services.set_data_dir(dir / "data");
    // Logins cheap enough for a unit test (never below the Key Manager's floor).
    services.set_config("auth.argon2-memory-kib", "8192");
    services.set_config("auth.argon2-iterations", "1");
    std::filesystem::create_directory(dir / "rows");
    std::ofstream(dir / "rows/rows.json") << rows_manifest();
    registry.emplace(registry_options{{fixture_manifests, ARBOR_FIXTURE_COMPLETE_DIR, dir / "rows", built_manifests},
                                      {fixture_libraries, built_plugins}},
                     services);
    registry->discover();
    tree.emplace(registry->manifests());
    board.emplace(*registry, *tree, gate, max_tasks);
  }
  ~web_console() {
    log.resume(true);  // the board's tasks must be able to end
    for (const std::string& state : states_seen) BOOST_TEST(state.find(password) == std::string::npos);
    for (const std::string& line : log.lines()) BOOST_TEST(line.find(password) == std::string::npos);
  }

  std::string start(const std::string& session, const std::string& node, const std::string& action,
                    const std::vector<std::string>& rows = {}) {
    auto id = board->start(session, node, action, rows);
    BOOST_TEST_REQUIRE(id.ok(), (id.ok() ? "" : id.error().message));
    return id.value();
  }
  std::string exercise(const std::string& session = alice) { return start(session, "Test Tools/Complete", "exercise"); }

  json::object seen(const sdk::result<json::object>& state) {
    BOOST_TEST_REQUIRE(state.ok(), (state.ok() ? "" : state.error().message));
    states_seen.push_back(json::serialize(state.value()));
    return state.value();
  }
  json::object state(const std::string& id, const std::string& session = alice) { return seen(board->state(session, id)); }
  json::object answer(const std::string& id, json::object request, const std::string& session = alice) {
    return seen(board->answer(session, id, request));
  }
  json::object next(const std::string& id, json::object answers) {
    return answer(id, json::object{{"step", "next"}, {"answers", std::move(answers)}});
  }
  json::object identity(const std::string& id, const std::string& name) {
    return next(id, {{"name", name}, {"output", (dir / "report.txt").string()}, {"password", password}});
  }
  /// The Key Manager's Certificate Services tab, logged in: its sheet.
  json::object certificate_services(std::string& id) {
    id = start(alice, "Advanced Security/Key Manager", "certificate-services");
    const json::object login = state(id);
    BOOST_TEST_REQUIRE(login.at("page").at("id").as_string() == "login", json::serialize(login));  // operation: "set"
    return settled(id, next(id, {{"administrator", "admin"}, {"password", "password"}}));
  }
  /// The state once the task no longer runs (a sheet's Apply runs the wizard).
  json::object settled(const std::string& id, json::object now) {
    for (int i = 0; i < 100 && now.at("state").as_string() == "running"; ++i)
      now = seen(board->wait_change(alice, id, now.at("version").as_uint64(), 200ms));
    return now;
  }
  json::object sheet_step(const std::string& id, const char* step, json::object ca = {}) {
    return settled(id, answer(id, {{"step", step}, {"answers", {{"ca", std::move(ca)}}}}));
  }
  /// Waits for the task's end; its outcome.
  json::object outcome(const std::string& id) {
    json::object now = state(id);
    for (int i = 0; i < 100 && now.at("state").as_string() != "done"; ++i)
      now = seen(board->wait_change(alice, id, now.at("version").as_uint64(), 200ms));
    BOOST_TEST_REQUIRE(now.at("state").as_string() == "done");
    return now.at("outcome").as_object();
  }
};

std::string page_id(const json::object& state) {
  const json::value& page = state.at("page");
  return page.is_object() ? std::string(page.at("id").as_string()) : "(no page: " + json::serialize(state) + ")";
}

/// The value field `id` of sheet page `page` shows.
std::string sheet_value(const json::object& state, std::string_view page, std::string_view id) {
  for (const json::value& p : state.at("sheet").at("pages").as_array())
    if (p.at("id").as_string() == page)
      for (const json::value& f : p.at("fields").as_array())
        if (f.at("id").as_string() == id) return std::string(f.at("value").as_string());
  return "(no field in " + json::serialize(state) + ")";
}

/// The value of item `key` among the values the sheet's last run reported.
std::string reported(const json::object& state, std::string_view key) {
  const json::value& values = state.at("sheet").at("values");
  if (values.is_object())
    for (const json::value& item : values.at("items").as_array())
      if (item.at("key").as_string() == key) return std::string(item.at("value").as_string());
  return "(not reported in " + json::serialize(state) + ")";
}

std::string field_value(const json::object& state, std::string_view id) {
  for (const json::value& f : state.at("page").at("fields").as_array())
    if (f.at("id").as_string() == id) return f.as_object().contains("value") ? std::string(f.at("value").as_string()) : "(none)";
  return "(no field)";
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(task_board_tests, web_console)

BOOST_AUTO_TEST_CASE(a_started_task_shows_its_first_page) {
  const std::string id = exercise();
  BOOST_TEST(id.size() == 32u);
  const json::object first = state(id);
  BOOST_TEST(first.at("state").as_string() == "page");
  BOOST_TEST(first.at("title").as_string() == "Exercise Every Field");
  BOOST_TEST(first.at("node").as_string() == "Test Tools/Complete");
  BOOST_TEST(first.at("action").as_string() == "exercise");
  BOOST_TEST(page_id(first) == "identity");
  BOOST_TEST(first.at("page").at("index").to_number<int>() == 0);
  BOOST_TEST(first.at("page").at("count").to_number<int>() == 4);
  BOOST_TEST(first.at("page").at("back").as_bool() == false);
  BOOST_TEST(first.at("progress").is_null());
  BOOST_TEST(first.at("outcome").is_null());
}

BOOST_AUTO_TEST_CASE(pages_go_back_and_forth_and_a_refused_page_comes_back_with_its_problem) {
  const std::string id = exercise();
  const std::uint64_t first_version = state(id).at("version").as_uint64();

  json::object now = identity(id, "nobody");
  BOOST_TEST(page_id(now) == "identity");
  BOOST_TEST(now.at("version").as_uint64() > first_version);
  BOOST_TEST(std::string(now.at("page").at("problem").at("message").as_string()).find("reserved") != std::string::npos);
  BOOST_TEST(field_value(now, "name") == "nobody");  // what was typed stays
  BOOST_TEST(field_value(now, "password") == "(none)");

  now = identity(id, "Ada");
  BOOST_TEST(page_id(now) == "options");
  BOOST_TEST(now.at("page").at("problem").is_null());
  BOOST_TEST(now.at("page").at("back").as_bool());
  BOOST_TEST(field_value(now, "color") == "green");

  now = answer(id, {{"step", "back"}});
  BOOST_TEST(page_id(now) == "identity");
  BOOST_TEST(field_value(now, "name") == "Ada");
  BOOST_TEST(now.at("page").at("back").as_bool() == false);

  // Next without the password again: the runner refuses the page, naming the field.
  now = next(id, {{"name", "Ada"}, {"output", (dir / "report.txt").string()}});
  BOOST_TEST(page_id(now) == "identity");
  BOOST_TEST(std::string(now.at("page").at("problem").at("message").as_string()).find("Password") != std::string::npos);

  now = identity(id, "Ada");
  now = next(id, {{"color", "blue"}, {"advanced", false}});
  BOOST_TEST(page_id(now) == "confirm");  // "advanced" does not apply
  BOOST_TEST(now.at("page").at("finishes").as_bool());
  BOOST_TEST(now.at("page").at("index").to_number<int>() == 3);
  now = next(id, {{"proceed", true}});
  BOOST_TEST(now.at("state").as_string() != "page");

  const json::object ended = outcome(id);
  BOOST_TEST(ended.at("end").as_string() == "completed");
  BOOST_TEST(ended.at("summary").at("title").as_string() == "Exercise complete");
  BOOST_TEST(ended.at("summary").at("table").at("title").as_string() == "Answers");
  BOOST_TEST(std::filesystem::exists(dir / "report.txt"));
}

BOOST_AUTO_TEST_CASE(a_running_task_shows_its_progress_and_every_change_is_a_new_version) {
  const std::string id = exercise();
  identity(id, "Ada");
  next(id, {});
  log.pause_at("Exercise started");
  json::object now = next(id, {{"proceed", true}});
  BOOST_TEST(now.at("state").as_string() == "running");
  BOOST_TEST(now.at("page").is_null());
  BOOST_TEST_REQUIRE(log.wait_paused());

  now = state(id);
  BOOST_TEST(now.at("state").as_string() == "running");
  BOOST_TEST(now.at("progress").at("label").as_string() == "Exercising every field");
  BOOST_TEST(now.at("progress").at("total").to_number<std::uint64_t>() == 3u);
  BOOST_TEST(now.at("progress").at("done").to_number<std::uint64_t>() == 0u);
  // Nothing changes while the task is held: wait_change gives up after its timeout.
  const std::uint64_t held = now.at("version").as_uint64();
  BOOST_TEST(seen(board->wait_change(alice, id, held, 50ms)).at("version").as_uint64() == held);

  log.pause_at("Report written");
  log.resume();
  BOOST_TEST_REQUIRE(log.wait_paused());
  now = seen(board->wait_change(alice, id, held, 5s));
  BOOST_TEST(now.at("version").as_uint64() > held);
  BOOST_TEST(now.at("progress").at("done").to_number<std::uint64_t>() == 2u);
  BOOST_TEST(now.at("progress").at("note").as_string() == "wrote the report");

  log.resume();
  BOOST_TEST(outcome(id).at("end").as_string() == "completed");
  BOOST_TEST(state(id).at("progress").is_null());
}

BOOST_AUTO_TEST_CASE(cancel_on_a_page_ends_the_wizard_cancelled) {
  const std::string id = exercise();
  identity(id, "Ada");
  BOOST_TEST(board->cancel(alice, id).ok());
  const json::object ended = outcome(id);
  BOOST_TEST(ended.at("end").as_string() == "cancelled");
  BOOST_TEST(ended.at("error").at("page").as_string() == "options");
  BOOST_TEST(!std::filesystem::exists(dir / "report.txt"));
}

BOOST_AUTO_TEST_CASE(the_cancel_step_of_a_page_ends_the_wizard_cancelled) {
  const std::string id = exercise();
  const json::object now = answer(id, {{"step", "cancel"}});
  BOOST_TEST(now.at("state").as_string() == "done");
  BOOST_TEST(now.at("outcome").at("end").as_string() == "cancelled");
  BOOST_TEST(now.at("outcome").at("error").at("page").as_string() == "identity");
}

BOOST_AUTO_TEST_CASE(cancel_while_running_is_seen_by_the_plugin) {
  const std::string id = exercise();
  identity(id, "Ada");
  next(id, {});
  log.pause_at("Exercise started");
  next(id, {{"proceed", true}});
  BOOST_TEST_REQUIRE(log.wait_paused());
  BOOST_TEST(board->cancel(alice, id).ok());
  log.resume();
  const json::object ended = outcome(id);
  BOOST_TEST(ended.at("end").as_string() == "cancelled");
  BOOST_TEST(ended.at("error").at("message").as_string() == "Cancelled before writing.");
  BOOST_TEST(!std::filesystem::exists(dir / "report.txt"));
}

BOOST_AUTO_TEST_CASE(another_sessions_task_is_refused_and_left_alone) {
  const std::string id = exercise();
  BOOST_TEST((board->state(bob, id).error().why == sdk::reason::not_found));
  BOOST_TEST((board->answer(bob, id, {{"step", "cancel"}}).error().why == sdk::reason::not_found));
  BOOST_TEST((board->cancel(bob, id).error().why == sdk::reason::not_found));
  BOOST_TEST((board->wait_change(bob, id, 0, 10ms).error().why == sdk::reason::not_found));
  BOOST_TEST((board->state(alice, "0123456789abcdef0123456789abcdef").error().why == sdk::reason::not_found));
  const json::object now = state(id);
  BOOST_TEST(now.at("state").as_string() == "page");
  BOOST_TEST(page_id(now) == "identity");
}

BOOST_AUTO_TEST_CASE(answers_that_do_not_fit_the_page_are_refused_and_the_page_stays) {
  const std::string id = exercise();
  auto wrong = board->answer(alice, id, {{"step", "next"}, {"answers", {{"level", "3"}}}});
  BOOST_TEST_REQUIRE(!wrong.ok());
  BOOST_TEST(wrong.error().message.find("no field \"level\"") != std::string::npos);
  BOOST_TEST(page_id(state(id)) == "identity");
  BOOST_TEST(board->cancel(alice, id).ok());
  outcome(id);
  auto late = board->answer(alice, id, {{"step", "next"}});
  BOOST_TEST_REQUIRE(!late.ok());
  BOOST_TEST((late.error().why == sdk::reason::conflict));
}

BOOST_AUTO_TEST_CASE(unknown_nodes_and_actions_are_refused) {
  BOOST_TEST((board->start(alice, "Test Tools/Nowhere", "exercise", {}).error().why == sdk::reason::not_found));
  BOOST_TEST((board->start(alice, "Test Tools", "exercise", {}).error().why == sdk::reason::not_found));
  BOOST_TEST(!board->start(alice, "Test Tools/Complete", "no-such-action", {}).ok());
}

BOOST_AUTO_TEST_CASE(a_plugin_that_throws_ends_only_its_task_as_plugin_failed) {
  const std::string failing = start(alice, "Fixtures/Throws In Calls", "greet");
  const std::string healthy = start(alice, "Fixtures/Tiny", "greet");
  next(failing, {{"name", "Ada"}});
  const json::object ended = outcome(failing);
  BOOST_TEST(ended.at("end").as_string() == "plugin_failed");
  BOOST_TEST(std::string(ended.at("error").at("message").as_string()).find("org.arbor.fixture.throws-in-calls") !=
             std::string::npos);
  BOOST_TEST(ended.at("error").at("detail").is_null());  // what broke inside stays in the log

  next(healthy, {{"name", "Ada"}});
  const json::object greeted = outcome(healthy);
  BOOST_TEST(greeted.at("end").as_string() == "completed");
  BOOST_TEST(greeted.at("summary").at("items").at(0).at("value").as_string() == "Hello, Ada");
}

BOOST_AUTO_TEST_CASE(selected_rows_open_the_task_with_them_chosen) {
  const std::string id = start(alice, "Fixtures/rows", "greet", {"Fixtures/rows"});
  BOOST_TEST(field_value(state(id), "name") == "Fixtures/rows");
  auto refused = board->start(alice, "Test Tools/Complete", "exercise", {"a row"});
  BOOST_TEST_REQUIRE(!refused.ok());
  BOOST_TEST(refused.error().message.find("selected rows") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(dropping_a_session_forgets_its_tasks_only) {
  const std::string mine = exercise(alice);
  const std::string theirs = exercise(bob);
  board->drop_session(alice);
  BOOST_TEST((board->state(alice, mine).error().why == sdk::reason::not_found));
  BOOST_TEST(page_id(state(theirs, bob)) == "identity");
}

BOOST_AUTO_TEST_CASE(pages_and_run_go_on_outside_the_plugin_gate) {
  const std::string id = exercise();
  {
    // Held as a details read holds it: the task's pages are checked and prepared meanwhile.
    auto held = gate.enter();
    const json::object answers{{"name", "Ada"}, {"output", (dir / "report.txt").string()}, {"password", password}};
    auto answered = std::async(std::launch::async, [&] {
      return board->answer(alice, id, {{"step", "next"}, {"answers", answers}});
    });
    BOOST_TEST((answered.wait_for(5s) == std::future_status::ready));
    held.unlock();
    BOOST_TEST(page_id(seen(answered.get())) == "options");
  }
  next(id, {});
  log.pause_at("Exercise started");
  next(id, {{"proceed", true}});
  BOOST_TEST_REQUIRE(log.wait_paused());
  // The task is held inside run(): the gate is free for the rest of the console meanwhile.
  auto entered = std::async(std::launch::async, [&] { const auto held = gate.enter(); });
  BOOST_TEST((entered.wait_for(5s) == std::future_status::ready));
  log.resume();
  BOOST_TEST(outcome(id).at("end").as_string() == "completed");
}

BOOST_AUTO_TEST_CASE(a_start_waiting_for_the_plugin_gate_holds_up_no_other_task) {
  const std::string id = exercise();
  auto held = gate.enter();
  auto starting = std::async(std::launch::async, [&] { return board->start(bob, "Test Tools/Complete", "exercise", {}); });
  std::this_thread::sleep_for(100ms);  // the start waits for the gate to open its wizard
  auto read = std::async(std::launch::async, [&] { return board->state(alice, id); });
  BOOST_TEST((read.wait_for(5s) == std::future_status::ready));
  held.unlock();
  BOOST_TEST(starting.get().ok());
  BOOST_TEST(page_id(seen(read.get())) == "identity");
}

// A logout (or an expiry) while a start of the same session waits for the plugin gate: the task
// it opens belongs to nobody who can answer or cancel it, and must not keep a place for good.
BOOST_AUTO_TEST_CASE(a_task_whose_session_ends_while_it_opens_is_cancelled_and_keeps_no_place) {
  web_console console(1);
  auto held = console.gate.enter();
  auto starting = std::async(std::launch::async, [&] { return console.board->start(bob, "Test Tools/Complete", "exercise", {}); });
  std::this_thread::sleep_for(100ms);  // the start waits for the gate to open its wizard
  console.board->drop_session(bob);    // bob logs out meanwhile
  held.unlock();
  const auto orphan = starting.get();
  if (orphan.ok()) BOOST_TEST(!console.board->state(bob, orphan.value()).ok());  // nobody's
  sdk::result<std::string> next = sdk::fail(sdk::reason::internal, "not tried");
  for (int i = 0; i < 50 && !next.ok(); ++i, std::this_thread::sleep_for(20ms))
    next = console.board->start(alice, "Test Tools/Complete", "exercise", {});
  BOOST_TEST(next.ok(), (next.ok() ? "" : next.error().message));
}

BOOST_AUTO_TEST_CASE(the_key_manager_saves_its_certificate_after_a_refused_login) {
  constexpr const char* wrong = "not-the-Pa55word-of-admin";
  const std::string id = start(alice, "Advanced Security/Key Manager", "save-kms-certificate");
  json::object now = state(id);
  BOOST_TEST(page_id(now) == "login");
  BOOST_TEST(field_value(now, "administrator") == "admin");

  now = next(id, {{"administrator", "admin"}, {"password", wrong}});
  BOOST_TEST(page_id(now) == "login");
  BOOST_TEST(now.at("page").at("problem").is_object());

  now = next(id, {{"administrator", "admin"}, {"password", "password"}});  // the initial password
  BOOST_TEST_REQUIRE(page_id(now) == "file");
  BOOST_TEST(now.at("page").at("finishes").as_bool());
  now = next(id, {{"path", (dir / "kms.pem").string()}});
  const json::object ended = outcome(id);
  BOOST_TEST(ended.at("end").as_string() == "completed", json::serialize(ended));
  BOOST_TEST(std::filesystem::is_regular_file(dir / "kms.pem"));
  for (const std::string& state : states_seen) BOOST_TEST(state.find(wrong) == std::string::npos);
  for (const std::string& line : log.lines()) BOOST_TEST(line.find(wrong) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_live_page_is_prepared_again_with_what_is_typed_and_the_answer_is_unchanged) {
  const std::string id = start(alice, "Fixtures/rows", "greet");  // SDK 1.2, without rows: live_greet
  const json::object shown = state(id);
  BOOST_TEST(shown.at("live").as_bool());
  BOOST_TEST(shown.at("page").at("info").at(0).as_string() == "Greets: nobody yet");

  auto preview = board->preview(alice, id, {{"page", "who"}, {"answers", {{"name", "Ada"}, {"card", nullptr}}}});
  BOOST_TEST_REQUIRE(preview.ok(), (preview.ok() ? "" : preview.error().message));
  BOOST_TEST(preview.value().at("info").at(0).as_string() == "Greets: Ada");
  BOOST_TEST(json::serialize(preview.value().at("options")) == R"({"card":["Ada.card"]})");
  BOOST_TEST(state(id).at("version").as_uint64() == shown.at("version").as_uint64());  // the shown page stays
  auto picked = board->paths(alice, id, "card", "");  // the new suggestion is the picker's
  BOOST_TEST_REQUIRE(picked.ok());
  BOOST_TEST(picked.value().at("entries").at(0).at("path").as_string() == "Ada.card");
  BOOST_TEST(picked.value().at("entries").at(0).at("kind").as_string() == "suggestion");
  BOOST_TEST((board->paths(alice, id, "card", "/").error().why == sdk::reason::invalid_input));
  BOOST_TEST((board->preview(bob, id, {{"page", "who"}}).error().why == sdk::reason::not_found));

  const json::object answered = next(id, {{"name", "Bea"}});
  BOOST_TEST(page_id(answered) != "who");
  BOOST_TEST(answered.at("live").as_bool());  // every state says it, the next page's too
  BOOST_TEST(outcome(id).at("summary").at("items").at(0).at("value").as_string() == "Hello, Bea");
  BOOST_TEST((board->preview(alice, id, {{"page", "who"}}).error().why == sdk::reason::conflict));  // no page waits
}

// A logout while one of its live pages is prepared again by a slow plugin must not hold up
// another session's requests (the board's lock was held while the cancel waited for the preview).
BOOST_AUTO_TEST_CASE(a_session_dropped_during_a_slow_preview_holds_up_no_other_session) {
  const std::string theirs = start(alice, "Fixtures/rows", "greet");
  const std::string mine = start(bob, "Fixtures/rows", "greet");
  auto preview = std::async(std::launch::async, [&] {
    return board->preview(alice, theirs, {{"page", "who"}, {"answers", {{"name", "slow"}}}});
  });
  std::this_thread::sleep_for(300ms);  // the preview is in the plugin's 3 s prepare()
  auto dropped = std::async(std::launch::async, [&] { board->drop_session(alice); });
  std::this_thread::sleep_for(100ms);
  const auto asked = std::chrono::steady_clock::now();
  BOOST_TEST(board->state(bob, mine).ok());
  const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - asked);
  BOOST_TEST(waited.count() < 1500);
  dropped.get();
  (void)preview.get();  // refused or shown: the task was cancelled meanwhile
  BOOST_TEST((board->state(alice, theirs).error().why == sdk::reason::not_found));
}

BOOST_AUTO_TEST_CASE(a_preview_of_another_page_a_page_asking_a_secret_or_an_older_plugin_is_refused) {
  const std::string greet = start(alice, "Fixtures/rows", "greet");
  auto other = board->preview(alice, greet, {{"page", "elsewhere"}, {"answers", json::object{}}});
  BOOST_TEST_REQUIRE(!other.ok());
  BOOST_TEST((other.error().why == sdk::reason::conflict));
  BOOST_TEST(other.error().message.find("not the one the task shows") != std::string::npos);
  BOOST_TEST((board->preview(alice, greet, {{"page", "who"}, {"answers", {{"age", "3"}}}}).error().why ==
              sdk::reason::invalid_input));  // no such field

  const std::string old = exercise();  // the complete plugin asks API 1.0
  BOOST_TEST(!state(old).at("live").as_bool());
  auto older = board->preview(alice, old, {{"page", "identity"}, {"answers", {{"name", "Ada"}}}});
  BOOST_TEST_REQUIRE(!older.ok());
  BOOST_TEST(older.error().message.find("SDK 1.0 or 1.1") != std::string::npos);

  const std::string login = start(alice, "Advanced Security/Key Manager", "save-kms-certificate");  // API 1.2
  BOOST_TEST(state(login).at("live").as_bool());
  BOOST_TEST_REQUIRE(page_id(state(login)) == "login");
  auto secret = board->preview(alice, login, {{"page", "login"}, {"answers", {{"administrator", "admin"}}}});
  BOOST_TEST_REQUIRE(!secret.ok());
  BOOST_TEST((secret.error().why == sdk::reason::invalid_input));
  BOOST_TEST(secret.error().message.find("asks a secret") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_file_picker_lists_directories_and_regular_files_and_refuses_the_rest) {
  namespace fs = std::filesystem;
  const fs::path where = dir / "picker";
  fs::create_directories(where / "sub");
  std::ofstream(where / "b.txt") << "never read";
  std::ofstream(where / ".hidden") << "";
  BOOST_TEST_REQUIRE(::mkfifo((where / "pipe").c_str(), 0600) == 0);
  fs::create_symlink(where / "b.txt", where / "link");
  fs::create_directory_symlink(where / "sub", where / "dirlink");
  const std::string id = exercise();  // its identity page has the path field "output", without suggestions

  auto listed = board->paths(alice, id, "output", where.string() + "/sub/..");
  BOOST_TEST_REQUIRE(listed.ok(), (listed.ok() ? "" : listed.error().message));
  BOOST_TEST(listed.value().at("dir").as_string() == where.string());
  BOOST_TEST(listed.value().at("parent").as_string() == dir.path().string());
  BOOST_TEST(json::serialize(listed.value().at("entries")) ==
             json::serialize(json::array{json::object{{"name", "sub"}, {"path", (where / "sub").string()}, {"kind", "directory"}},
                                         json::object{{"name", "b.txt"}, {"path", (where / "b.txt").string()}, {"kind", "file"}}}));
  BOOST_TEST(!listed.value().at("cut").as_bool());
  BOOST_TEST(listed.value().at("entries").as_array().size() == 2u);

  const auto refused = [&](const std::string& field, const std::string& path, sdk::reason why, std::string_view says) {
    auto answer = board->paths(alice, id, field, path);
    BOOST_TEST_REQUIRE(!answer.ok(), path);
    BOOST_TEST((answer.error().why == why), path);
    BOOST_TEST(answer.error().message.find(says) != std::string::npos, answer.error().message);
  };
  refused("output", (where / "b.txt").string(), sdk::reason::invalid_input, "is not a directory");
  refused("output", (where / "pipe").string(), sdk::reason::invalid_input, "is not a directory");
  refused("output", (where / "dirlink").string() + "/", sdk::reason::invalid_input, "symbolic link");
  refused("output", (where / "missing").string(), sdk::reason::not_found, "does not exist");
  refused("output", where.string() + "\x01", sdk::reason::invalid_input, "control character");
  refused("output", std::string(5000, 'a'), sdk::reason::invalid_input, "more than 4096");
  refused("name", where.string(), sdk::reason::not_found, "no path field \"name\"");
  BOOST_TEST((board->paths(bob, id, "output", where.string()).error().why == sdk::reason::not_found));

  for (std::size_t i = 0; i < max_listed_entries; ++i) std::ofstream(where / ("f" + std::to_string(i)));
  auto cut = board->paths(alice, id, "output", where.string());
  BOOST_TEST_REQUIRE(cut.ok());
  BOOST_TEST(cut.value().at("cut").as_bool());
  BOOST_TEST(cut.value().at("entries").as_array().size() == max_listed_entries);
  BOOST_TEST(cut.value().at("entries").at(0).at("name").as_string() == "sub");  // directories first
}

BOOST_AUTO_TEST_CASE(progress_from_a_thread_without_a_task_goes_nowhere) {
  progress.begin("nothing", 1);
  progress.advance(1, "nothing");
  BOOST_TEST(!progress.cancelled());
  progress.end();
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(no_more_tasks_than_the_limit_are_open_at_once) {
  web_console console(2);
  const std::string first = console.exercise(alice);
  console.exercise(bob);
  auto third = console.board->start(alice, "Test Tools/Complete", "exercise", {});
  BOOST_TEST_REQUIRE(!third.ok());
  BOOST_TEST((third.error().why == sdk::reason::conflict));
  BOOST_TEST(third.error().message.find("2 tasks are open") != std::string::npos);

  BOOST_TEST(console.board->cancel(alice, first).ok());
  console.outcome(first);
  BOOST_TEST(console.board->start(alice, "Test Tools/Complete", "exercise", {}).ok());
}

BOOST_AUTO_TEST_CASE(a_session_keeps_its_last_finished_tasks_only) {
  web_console console(2);
  std::vector<std::string> ids;
  for (std::size_t i = 0; i <= task_board::finished_kept_per_session; ++i) {
    ids.push_back(console.exercise(alice));
    BOOST_TEST(console.board->cancel(alice, ids.back()).ok());
    console.outcome(ids.back());
  }
  BOOST_TEST((console.board->state(alice, ids.front()).error().why == sdk::reason::not_found));
  BOOST_TEST(console.state(ids[1]).at("state").as_string() == "done");
}

BOOST_AUTO_TEST_CASE(an_answer_to_a_page_waits_until_its_preview_is_over) {
  // The runner's thread waits in show(); a preview holds the plugin's prepare() at `release`.
  const sdk::page page{.id = "who", .title = "Who", .fields = {sdk::field{.id = "name", .label = "Name", .required = false}}};
  std::promise<void> published;
  web_answer_source source([&](json::object) { published.set_value(); });
  BOOST_TEST_REQUIRE(source.check(sdk::wizard_spec{"Greet", {page}}).ok());
  std::promise<void> entered;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  source.refresh_with([&](const sdk::answers& typed) -> sdk::result<sdk::page> {
    entered.set_value();
    released.wait();
    sdk::page again = page;
    again.info = {"typed " + typed.text("who", "name")};
    return again;
  });
  const sdk::answers so_far;
  auto shown = std::async(std::launch::async, [&] { return source.show(page, so_far, nullptr, true); });
  BOOST_TEST_REQUIRE((published.get_future().wait_for(20s) == std::future_status::ready));

  auto preview = std::async(std::launch::async, [&] {
    return source.preview({{"page", "who"}, {"answers", {{"name", "Ada"}}}});
  });
  BOOST_TEST_REQUIRE((entered.get_future().wait_for(20s) == std::future_status::ready));
  auto next = std::async(std::launch::async, [&] { return source.reply({{"step", "next"}, {"answers", {{"name", "Bea"}}}}); });
  BOOST_TEST((next.wait_for(200ms) == std::future_status::timeout));  // held while the plugin prepares
  release.set_value();
  const auto previewed = preview.get();
  BOOST_TEST_REQUIRE(previewed.ok());
  BOOST_TEST(previewed.value().at("info").at(0).as_string() == "typed Ada");
  BOOST_TEST(next.get().ok());
  const auto step = shown.get();
  BOOST_TEST_REQUIRE(step.ok());
  BOOST_TEST((step.value() == page_step::next));
  BOOST_TEST(std::get<std::string>(*source.value(page, page.fields.front())) == "Bea");
}

BOOST_AUTO_TEST_CASE(starts_at_once_never_open_more_tasks_than_the_limit) {
  web_console console(2);
  std::vector<std::future<sdk::result<std::string>>> starts;
  const auto ready = [&] {
    return std::count_if(starts.begin(), starts.end(),
                         [](const auto& s) { return s.wait_for(0s) == std::future_status::ready; });
  };
  {
    auto held = console.gate.enter();
    for (int i = 0; i < 4; ++i)
      starts.push_back(std::async(std::launch::async, [&] { return console.board->start(alice, "Test Tools/Complete", "exercise", {}); }));
    // Two starts keep their places while they wait for the gate; the other two are refused at once.
    for (int i = 0; i < 500 && ready() < 2; ++i) std::this_thread::sleep_for(10ms);
    BOOST_TEST(ready() == 2);
  }
  std::size_t opened = 0;
  for (auto& s : starts) {
    const auto id = s.get();
    if (id.ok()) ++opened;
    else BOOST_TEST((id.error().why == sdk::reason::conflict));
  }
  BOOST_TEST(opened == 2u);
}

BOOST_FIXTURE_TEST_SUITE(property_sheets, web_console)

BOOST_AUTO_TEST_CASE(a_properties_tab_opens_as_a_sheet_after_its_login_and_apply_shows_the_new_values) {
  std::string id;
  json::object now = certificate_services(id);
  BOOST_TEST_REQUIRE(now.at("state").as_string() == "sheet", json::serialize(now));
  BOOST_TEST(now.at("page").is_null());
  BOOST_TEST(sheet_value(now, "ca", "connect_timeout_ms") == "2000");  // what the plugin holds
  BOOST_TEST(now.at("sheet").at("values").is_null());
  BOOST_TEST(!now.at("sheet").at("applied").as_bool());

  // A refusal comes back on the sheet, which keeps what was typed.
  now = sheet_step(id, "apply", {{"url", "http://127.0.0.1:9"}, {"connect_timeout_ms", "0"}});
  BOOST_TEST_REQUIRE(now.at("state").as_string() == "sheet", json::serialize(now));
  BOOST_TEST(now.at("sheet").at("problem").at("message").as_string().find("refused its answers") != std::string::npos);
  BOOST_TEST(sheet_value(now, "ca", "connect_timeout_ms") == "0");
  BOOST_TEST(sheet_value(now, "ca", "url") == "http://127.0.0.1:9");

  // Apply runs the wizard and prepares the pages again on the same wizard: the stored values.
  now = sheet_step(id, "apply", {{"url", "http://127.0.0.1:9"}, {"connect_timeout_ms", "2500"}});
  BOOST_TEST_REQUIRE(now.at("state").as_string() == "sheet", json::serialize(now));
  BOOST_TEST(now.at("sheet").at("problem").is_null());
  BOOST_TEST(now.at("sheet").at("applied").as_bool());
  BOOST_TEST(reported(now, "connect_timeout_ms") == "2500");
  BOOST_TEST(sheet_value(now, "ca", "connect_timeout_ms") == "2500");

  // OK is Apply and close; a second Apply checks the login again (it still holds).
  now = sheet_step(id, "ok", {{"url", "http://127.0.0.1:9"}, {"connect_timeout_ms", "2600"}});
  const json::object ended = outcome(id);
  BOOST_TEST(ended.at("end").as_string() == "completed", json::serialize(ended));
  BOOST_TEST(ended.at("summary").at("items").at(1).at("value").as_string() == "2600");

  std::string again;
  BOOST_TEST(sheet_value(certificate_services(again), "ca", "connect_timeout_ms") == "2600");
}

BOOST_AUTO_TEST_CASE(an_apply_after_the_first_checks_the_login_again) {
  const char* ca = "http://127.0.0.1:9";
  std::string tab;
  certificate_services(tab);
  json::object now = sheet_step(tab, "apply", {{"url", ca}, {"connect_timeout_ms", "2100"}});
  BOOST_TEST_REQUIRE(reported(now, "connect_timeout_ms") == "2100", json::serialize(now));

  // Meanwhile the Administrators tab (its operation asked before the login) changes admin's
  // password on a sheet of its own; the new password never shows in a state.
  const std::string admins = start(alice, "Advanced Security/Key Manager", "administrators");
  BOOST_TEST_REQUIRE(page_id(state(admins)) == "operation");
  BOOST_TEST_REQUIRE(page_id(next(admins, {{"action", "change-password"}})) == "login");
  const json::object sheet = settled(admins, next(admins, {{"administrator", "admin"}, {"password", "password"}}));
  BOOST_TEST_REQUIRE(sheet.at("state").as_string() == "sheet", json::serialize(sheet));
  answer(admins, {{"step", "ok"},
                  {"answers", {{"administrator", {{"name", "admin"}, {"new_password", password}, {"confirm_password", password}}}}}});
  BOOST_TEST_REQUIRE(outcome(admins).at("end").as_string() == "completed");

  now = sheet_step(tab, "apply", {{"url", ca}, {"connect_timeout_ms", "2200"}});
  BOOST_TEST_REQUIRE(now.at("state").as_string() == "sheet", json::serialize(now));
  BOOST_TEST(now.at("sheet").at("problem").at("message").as_string().find("name or password is wrong") != std::string::npos,
             json::serialize(now));
  BOOST_TEST(reported(now, "connect_timeout_ms") == "2100");  // nothing changed
  BOOST_TEST(sheet_value(now, "ca", "connect_timeout_ms") == "2200");  // kept as typed
}

BOOST_AUTO_TEST_CASE(cancel_on_a_sheet_changes_nothing_and_a_page_answer_is_refused) {
  std::string id;
  json::object now = certificate_services(id);
  BOOST_TEST_REQUIRE(now.at("state").as_string() == "sheet", json::serialize(now));
  // A sheet is answered with apply, ok or cancel and its pages' answers, nothing else.
  BOOST_TEST((board->answer(alice, id, {{"step", "next"}}).error().why == sdk::reason::invalid_input));
  BOOST_TEST((board->answer(alice, id, {{"step", "apply"}, {"answers", {{"login", json::object{}}}}}).error().why ==
              sdk::reason::invalid_input));
  BOOST_TEST((board->answer(alice, id, {{"step", "apply"}, {"answers", {{"ca", {{"port", "1"}}}}}}).error().why ==
              sdk::reason::invalid_input));
  sheet_step(id, "cancel", {{"url", "http://127.0.0.1:9"}, {"connect_timeout_ms", "9999"}});
  const json::object ended = outcome(id);
  BOOST_TEST(ended.at("end").as_string() == "cancelled");
  std::string again;
  BOOST_TEST(sheet_value(certificate_services(again), "ca", "connect_timeout_ms") == "2000");
}

BOOST_AUTO_TEST_CASE(a_sheet_without_fields_is_run_once_as_it_opens_to_show_its_values) {
  const std::string id = start(alice, "Advanced Security/Key Manager", "general");
  BOOST_TEST_REQUIRE(page_id(state(id)) == "login");
  const json::object now = settled(id, next(id, {{"administrator", "admin"}, {"password", "password"}}));
  BOOST_TEST_REQUIRE(now.at("state").as_string() == "sheet", json::serialize(now));
  BOOST_TEST(now.at("sheet").at("pages").as_array().empty());
  BOOST_TEST(reported(now, "users") == "0");
  BOOST_TEST(!now.at("sheet").at("applied").as_bool());
  answer(id, {{"step", "ok"}});
  BOOST_TEST(outcome(id).at("end").as_string() == "cancelled");  // closed; nothing was changed
}

BOOST_AUTO_TEST_CASE(a_properties_tab_of_a_plugin_for_sdk_1_0_stays_a_wizard) {
  const std::string id = start(alice, "Test Tools/Complete", "general");
  const json::object now = state(id);
  BOOST_TEST(now.at("state").as_string() == "page");
  BOOST_TEST(page_id(now) == "general");
  BOOST_TEST(now.at("sheet").is_null());
}

BOOST_AUTO_TEST_SUITE_END()

