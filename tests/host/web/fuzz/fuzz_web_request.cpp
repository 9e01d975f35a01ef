// libFuzzer target: any bytes, as up to four HTTP requests (split at "@NEXT@"), parsed with the
// server's limits, routed and answered (answer_bytes: the server's own path minus the socket)
// by a console with a task board over a plugin whose wizard asks a password. The first byte
// says what the harness adds: a session's cookie and CSRF token on every request, a task of that
// session started first, its first page answered with a secret. "@COOKIE@", "@CSRF@" and
// "@TASK@" in the input become the session's cookie, its CSRF token and the task's id (the last
// one started). Every answer is checked, and a violation aborts (__builtin_trap):
//  - it is well-formed HTTP/1.x and carries the security headers;
//  - a POST without the session's CSRF token is never 2xx, but for the token exchange;
//  - a request without the session's cookie gets only the token exchange, an asset or a refusal;
//  - the secret typed into the password field never appears in it.
// Run through scripts/fuzz, which seeds the corpus with tests/host/web/fuzz/seeds/.
#include "host/console/console_tree.hpp"
#include "host/console/menu_slots.hpp"
#include "host/plugins/plugin_registry.hpp"
#include "host/plugins/service_table.hpp"
#include "host/web/embedded_assets.hpp"
#include "host/web/request_guard.hpp"
#include "host/web/task_board.hpp"
#include "host/web/web_progress.hpp"
#include "host/web/web_routes.hpp"
#include "host/web/web_server.hpp"
#include "host/web/web_sessions.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace {

using namespace arbor::host;
namespace http = boost::beast::http;

constexpr std::string_view access_token = "fuzz-token-0123456789";
constexpr std::string_view host_line = "Host: 127.0.0.1:8443\r\n";

class quiet_log final : public arbor::sdk::log {
 public:
  void write(arbor::sdk::log_level, std::string_view) override {}
};

/// The host services, installed before the plugin is loaded.
struct fuzz_services {
  quiet_log log;
  web::web_progress progress;
  service_table table;
  fuzz_services() {
    table.set_log(&log);
    table.set_progress(&progress);
  }
};

/// What every input shares: the plugin, loaded once.
struct console {
  fuzz_services services;
  quiet_log& log = services.log;
  plugin_registry registry{registry_options{{ARBOR_FUZZ_PLUGIN_DIR}, {}}, services.table};
  console_tree tree{(registry.discover(), registry.manifests())};
  menu_slots menus{registry.manifests()};
  web::plugin_gate gate;
  web::request_guard guard{"127.0.0.1", 8443, {}};
};

/// What the first byte asks for.
struct harness_flags {
  bool cookie, csrf, task, secret_answer;
  explicit harness_flags(std::uint8_t b) : cookie(b & 1), csrf(b & 2), task(b & 4), secret_answer(b & 8) {}
};

void replace_all(std::string& text, std::string_view from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
}

std::vector<std::string> split_requests(std::string_view raw) {
  std::vector<std::string> out;
  while (out.size() < 4) {
    const auto at = raw.find("@NEXT@");
    out.emplace_back(raw.substr(0, at));
    if (at == std::string_view::npos) break;
    raw.remove_prefix(at + 6);
  }
  return out;
}

void check(bool holds) {
  if (!holds) __builtin_trap();
}

/// The request as the server reads it (the first of each header, as Beast's find() gives).
struct request_view {
  std::string method, cookie, csrf;
};

std::optional<request_view> read_request(const std::string& raw) {
  http::request_parser<http::string_body> parser;
  parser.eager(true);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(raw), ec);
  if (ec || !parser.is_header_done()) return std::nullopt;
  const auto& r = parser.get();
  return request_view{std::string(r.method_string()), std::string(r[http::field::cookie]), std::string(r["X-CSRF-Token"])};
}

/// The invariants of one answer to `request` (when it parsed), for a session (`cookie`, `csrf`)
/// that may be empty.
void check_answer(const std::string& answer, const std::optional<request_view>& request, const std::string& cookie,
                  const std::string& csrf, const std::string& secret, bool secret_may_echo) {
  if (answer.empty()) return;  // not a whole request: no answer yet
  check(answer.starts_with("HTTP/1.1 ") || answer.starts_with("HTTP/1.0 "));
  if (!secret_may_echo) check(answer.find(secret) == std::string::npos);
  http::response_parser<http::string_body> parser;
  parser.eager(true);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(answer), ec);
  if (!ec && !parser.is_done()) parser.put_eof(ec);  // an event stream's body runs to the end
  check(!ec && parser.is_done());
  const auto& r = parser.get();
  check(r["Content-Security-Policy"].starts_with("default-src 'self';"));
  check(r[http::field::x_frame_options] == "DENY");
  check(r["X-Content-Type-Options"] == "nosniff");
  const unsigned status = r.result_int();
  const bool ok = status >= 200 && status < 300;
  const bool new_session = r[http::field::set_cookie].starts_with("arbor_session=") &&
                           !r[http::field::set_cookie].starts_with("arbor_session=;");
  if (!request) return;
  const bool has_csrf = !csrf.empty() && request->csrf == csrf;
  if (request->method == "POST" && !has_csrf) check(!ok || new_session);
  const bool has_cookie = !cookie.empty() && request->cookie.find(cookie) != std::string::npos;
  if (!has_cookie && status < 400) {
    const bool asset = status == 200 && !r[http::field::content_type].starts_with("application/json") &&
                       !r[http::field::content_type].starts_with("text/event-stream");
    check(new_session || asset);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static console c;
  if (size == 0) return 0;
  const harness_flags flags(data[0]);
  const std::string input(reinterpret_cast<const char*>(data) + 1, size - 1);
  // Fresh sessions and board per input (a frozen clock: nothing expires), so one input's logout,
  // wrong tokens or tasks do not change how the next is answered.
  web::web_sessions sessions(std::string(access_token), web::session_limits{}, c.log, [] { return web::web_clock::time_point{}; });
  web::task_board board(c.registry, c.tree, c.gate, 2);
  web::web_routes routes(web::web_context{c.registry, c.tree, c.menus, c.gate, sessions, c.guard, &board, c.log});
  // A new secret each input: the fuzzer cannot learn it from the comparison that looks for it.
  static std::uint64_t inputs = 0;
  const std::string secret = "Fz-pass-" + std::to_string(++inputs) + "-QwX";
  std::string session, cookie, csrf, task;
  if (flags.cookie || flags.csrf || flags.task) {
    auto opened = sessions.open(access_token, "fuzz");
    check(opened.ok());
    session = opened.value().id;
    cookie = "arbor_session=" + session;
    csrf = opened.value().csrf;
  }
  const std::string added = (flags.cookie ? "Cookie: " + cookie + "\r\n" : "") + (flags.csrf ? "X-CSRF-Token: " + csrf + "\r\n" : "");
  const auto ask = [&](std::string raw, bool secret_may_echo) {
    replace_all(raw, "@COOKIE@", cookie);
    replace_all(raw, "@CSRF@", csrf);
    replace_all(raw, "@TASK@", task);
    if (const auto line_end = raw.find("\r\n"); line_end != std::string::npos) raw.insert(line_end + 2, added);
    const std::string out = web::answer_bytes(routes, raw, web::server_limits{});
    check_answer(out, read_request(raw), cookie, csrf, secret, secret_may_echo);
    // A task's state (start, state, answer, cancel) names it: later requests' "@TASK@".
    if (const auto body = out.find("\r\n\r\n"); body != std::string::npos && out.compare(body + 4, 7, R"({"id":")") == 0)
      task = out.substr(body + 11, 32);
  };
  if (flags.task) {
    auto started = board.start(session, "Fuzz/Greeter", "greet", {});
    if (started.ok()) task = started.value();
    if (flags.secret_answer && !task.empty()) {
      const std::string body = R"({"step":"next","answers":{"name":"fuzz","password":")" + secret + R"("}})";
      ask("POST /api/tasks/" + task + "/answer HTTP/1.1\r\n" + std::string(host_line) + "Cookie: " + cookie +
              "\r\nX-CSRF-Token: " + csrf + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body,
          false);
    }
  }
  // The fuzzer's own bytes may hold the secret (a field that echoes it is no leak then).
  const bool echo = input.find(secret) != std::string::npos;
  for (std::string& raw : split_requests(input)) ask(std::move(raw), echo);
  return 0;
}
