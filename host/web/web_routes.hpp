#pragma once
// The web console's routes (docs/web-api.md): a request, already parsed and size-checked by the
// server, becomes one answer. Every answer carries the security headers; errors are JSON
// {"error":{"message","what_to_do"}}. Nothing here knows HTTP framing or TLS, so the routes are
// tested and fuzzed without a socket.
#include "host/console/console_tree.hpp"
#include "host/console/menu_slots.hpp"
#include "host/plugins/plugin_registry.hpp"
#include "host/web/plugin_gate.hpp"
#include "host/web/request_guard.hpp"
#include "host/web/web_sessions.hpp"

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace arbor::host::web {

class task_board;

/// What the routes read of a request.
struct web_request {
  std::string method;        ///< "GET", "POST", ...
  std::string target;        ///< path and query, as sent
  std::string host;          ///< Host header
  std::string origin;        ///< Origin header; empty when none
  std::string cookie;        ///< Cookie header
  std::string csrf;          ///< X-CSRF-Token header
  std::string body;
  std::string client;        ///< the peer's address, for the audit lines
};

/// One answer. A Server-Sent Events answer has `next_event`: the server calls it off the io
/// thread until it returns nothing, and sends each text as one event.
struct web_response {
  unsigned status{200};
  std::string content_type{"application/json"};
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  ///< besides the security headers
  std::function<std::optional<std::string>()> next_event;
};

/// What the routes work on; everything outlives the routes.
struct web_context {
  plugin_registry& registry;
  const console_tree& tree;
  const menu_slots& menus;
  plugin_gate& gate;
  web_sessions& sessions;
  const request_guard& guard;
  task_board* tasks;  ///< nullptr: the task routes answer 503
  sdk::log& log;      ///< where a request that failed inside is told
};

class web_routes {
 public:
  explicit web_routes(web_context context) : context_(context) {}

  /// The answer to `request`. Never throws: a failure inside becomes a 500 JSON error.
  web_response answer(const web_request& request);

 private:
  web_response route(const web_request& request);
  web_response failed_inside(std::string_view what);
  /// Tasks of sessions that logged out or expired are dropped with them.
  void forget_ended_sessions();

  web_context context_;
};

/// An error answer: `status` and {"error":{"message","what_to_do"}}.
web_response error_response(unsigned status, const std::string& message, const std::string& what_to_do);

/// Adds the Content-Security-Policy and the other headers every answer carries.
void add_security_headers(web_response& response, bool api);

}  // namespace arbor::host::web
