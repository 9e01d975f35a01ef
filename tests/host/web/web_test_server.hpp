#pragma once
// A real arbor_web server for the HTTP tests, on an ephemeral port of 127.0.0.1 with a
// self-signed certificate in a temporary state directory, serving the plugin fixtures (the
// healthy tiny plugin, the broken ones, and the complete test plugin). Limits are small so the
// timeout tests take about a second.
#include "host/console/console_tree.hpp"
#include "host/console/menu_slots.hpp"
#include "host/plugins/plugin_registry.hpp"
#include "host/plugins/service_table.hpp"
#include "host/web/request_guard.hpp"
#include "host/web/task_board.hpp"
#include "host/web/tls_identity.hpp"
#include "host/web/web_progress.hpp"
#include "host/web/web_routes.hpp"
#include "host/web/web_server.hpp"
#include "host/web/web_sessions.hpp"

#include <boost/test/unit_test.hpp>

#include "https_client.hpp"
#include "pausing_log.hpp"
#include "temporary_directory.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace arbor::host::web::test {

inline server_limits test_limits() {
  server_limits limits;
  limits.max_connections = 6;
  limits.header_timeout = std::chrono::milliseconds(1000);
  limits.body_timeout = std::chrono::milliseconds(1000);
  limits.max_header_bytes = 4096;
  limits.max_body_bytes = 64 * 1024;
  return limits;
}

class web_test_server {
 public:
  explicit web_test_server(server_limits limits = test_limits()) {
    services.set_log(&log);
    services.set_progress(&progress);
    registry.emplace(registry_options{{ARBOR_SOURCE_DIR "/tests/fixtures/manifests/broken", ARBOR_FIXTURE_COMPLETE_DIR},
                                      {ARBOR_BINARY_DIR "/tests/fixtures/lib"}},
                     services);
    registry->discover();
    tree.emplace(registry->manifests());
    menus.emplace(registry->manifests());
    auto identity = self_signed_identity(state.path() / "web");
    BOOST_TEST_REQUIRE(identity.ok(), (identity.ok() ? "" : identity.error().message + " " + identity.error().technical));
    auto opened = web_server::open("127.0.0.1", 0, identity.value(), limits, log);
    BOOST_TEST_REQUIRE(opened.ok());
    server = std::move(opened.value());
    guard.emplace("127.0.0.1", server->port(), std::vector<std::string>{"console.example"});
    tasks.emplace(*registry, *tree, gate, 4);
    routes.emplace(web_context{*registry, *tree, *menus, gate, sessions, *guard, &*tasks, log});
    thread = std::thread([this] { server->serve(*routes); });
  }
  ~web_test_server() {
    log.resume(true);  // a task held by a test that failed early must be able to end
    server->stop();
    thread.join();
  }

  std::uint16_t port() const { return server->port(); }
  std::string host() const { return "127.0.0.1:" + std::to_string(port()); }
  std::string origin() const { return "https://" + host(); }

  /// Logs in with the access token; the session's cookie header value and CSRF token.
  std::pair<std::string, std::string> login() {
    https_client client(port());
    const reply r = client.request("POST", "/api/login", {{"Origin", origin()}}, R"({"token":")" + token + R"("})");
    BOOST_TEST_REQUIRE(r.status == 200u);
    const std::string cookie = r.header("set-cookie");
    const auto end = cookie.find(';');
    const auto csrf_at = r.body.find(R"("csrf":")");
    BOOST_TEST_REQUIRE(csrf_at != std::string::npos);
    return {cookie.substr(0, end), r.body.substr(csrf_at + 8, 32)};
  }

  arbor::testing::temporary_directory state;
  pausing_log log;
  service_table services;
  web_progress progress;
  std::optional<plugin_registry> registry;
  std::optional<console_tree> tree;
  std::optional<menu_slots> menus;
  plugin_gate gate;
  std::string token = random_token();
  std::atomic<std::int64_t> sessions_clock_ahead_ms{0};  ///< moves the sessions' clock on, to expire them
  web_sessions sessions{token, session_limits{}, log,
                        [this] { return web_clock::now() + std::chrono::milliseconds(sessions_clock_ahead_ms.load()); }};
  std::unique_ptr<web_server> server;
  std::optional<request_guard> guard;
  std::optional<task_board> tasks;
  std::optional<web_routes> routes;
  std::thread thread;
};

}  // namespace arbor::host::web::test
