// libFuzzer target: any bytes, parsed as an HTTP request with the server's limits, routed and
// answered (answer_bytes: the server's own path minus the socket), must give a well-formed answer
// or none, never crash, hang or leak. "@COOKIE@" and "@CSRF@" in the input become the session's
// cookie and CSRF token, so the fuzzer reaches the routes behind the login too.
// Run through scripts/fuzz, which seeds the corpus with tests/host/web/fuzz/seeds/.
#include "host/console/console_tree.hpp"
#include "host/console/menu_slots.hpp"
#include "host/plugins/plugin_registry.hpp"
#include "host/plugins/service_table.hpp"
#include "host/web/request_guard.hpp"
#include "host/web/web_routes.hpp"
#include "host/web/web_server.hpp"
#include "host/web/web_sessions.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

using namespace arbor::host;

class quiet_log final : public arbor::sdk::log {
 public:
  void write(arbor::sdk::log_level, std::string_view) override {}
};

/// The console with no plugins: the routes, sessions and checks are what is fuzzed.
struct console {
  quiet_log log;
  service_table services;
  plugin_registry registry{registry_options{{"/nonexistent/arbor-fuzz-manifests"}, {}}, services};
  console_tree tree{(registry.discover(), registry.manifests())};
  menu_slots menus{registry.manifests()};
  web::plugin_gate gate;
  web::request_guard guard{"127.0.0.1", 8443, {}};
};

void replace_all(std::string& text, std::string_view from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static console c;
  // Fresh sessions per input, so one input's wrong tokens do not change how the next is answered.
  web::web_sessions sessions("fuzz-token-0123456789", web::session_limits{}, c.log);
  const auto session = sessions.open("fuzz-token-0123456789", "fuzz");
  if (!session.ok()) __builtin_trap();
  std::string raw(reinterpret_cast<const char*>(data), size);
  replace_all(raw, "@COOKIE@", "arbor_session=" + session.value().id);
  replace_all(raw, "@CSRF@", session.value().csrf);
  web::web_routes routes(web::web_context{c.registry, c.tree, c.menus, c.gate, sessions, c.guard, nullptr, c.log});
  const std::string answer = web::answer_bytes(routes, raw, web::server_limits{});
  if (!answer.empty() && !answer.starts_with("HTTP/1.")) __builtin_trap();
  return 0;
}
