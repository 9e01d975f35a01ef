#pragma once
// What the task board's tests share: a board over a real plugin registry (the fixtures, the
// complete test plugin, the Key Manager as built) and helpers that read its task-state JSON.
// Included by one test file of each test executable.
#include "host/web/path_listing.hpp"
#include "host/web/task_board.hpp"
#include "host/web/web_answer_source.hpp"
#include "host/web/web_progress.hpp"
#include "pausing_log.hpp"
#include "temporary_directory.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

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

namespace board_test {

constexpr const char* password = "correct-horse-battery-staple";
constexpr const char* alice = "session-alice";
constexpr const char* bob = "session-bob";
const std::filesystem::path fixture_manifests = ARBOR_SOURCE_DIR "/tests/fixtures/manifests/broken";
const std::filesystem::path fixture_libraries = ARBOR_BINARY_DIR "/tests/fixtures/lib";
// The Key Manager as built, with its manifest beside (arbor_add_plugin); opened only by the test using it.
const std::filesystem::path built_manifests = ARBOR_BINARY_DIR "/lib/arbor/manifests";
const std::filesystem::path built_plugins = ARBOR_BINARY_DIR "/lib/arbor/plugins";

inline std::string rows_manifest() {
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

inline std::string page_id(const json::object& state) {
  const json::value& page = state.at("page");
  return page.is_object() ? std::string(page.at("id").as_string()) : "(no page: " + json::serialize(state) + ")";
}

/// The value field `id` of sheet page `page` shows.
inline std::string sheet_value(const json::object& state, std::string_view page, std::string_view id) {
  for (const json::value& p : state.at("sheet").at("pages").as_array())
    if (p.at("id").as_string() == page)
      for (const json::value& f : p.at("fields").as_array())
        if (f.at("id").as_string() == id) return std::string(f.at("value").as_string());
  return "(no field in " + json::serialize(state) + ")";
}

/// The value of item `key` among the values the sheet's last run reported.
inline std::string reported(const json::object& state, std::string_view key) {
  const json::value& values = state.at("sheet").at("values");
  if (values.is_object())
    for (const json::value& item : values.at("items").as_array())
      if (item.at("key").as_string() == key) return std::string(item.at("value").as_string());
  return "(not reported in " + json::serialize(state) + ")";
}

inline std::string field_value(const json::object& state, std::string_view id) {
  for (const json::value& f : state.at("page").at("fields").as_array())
    if (f.at("id").as_string() == id) return f.as_object().contains("value") ? std::string(f.at("value").as_string()) : "(none)";
  return "(no field)";
}

}  // namespace board_test

using namespace board_test;
