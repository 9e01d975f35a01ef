#include "host/web/web_routes.hpp"

#include "host/web/browse_json.hpp"
#include "host/web/embedded_assets.hpp"
#include "host/web/task_board.hpp"
#include "host/web/wiping_memory.hpp"

#include <openssl/crypto.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <charconv>
#include <chrono>
#include <map>
#include <memory>

namespace arbor::host::web {
namespace {

namespace json = boost::json;

constexpr std::string_view cookie_name = "arbor_session";
constexpr std::chrono::seconds event_wait{5};

using query_map = std::map<std::string, std::string, std::less<>>;

/// A %XX-decoded query or path piece; nothing when an escape is broken or a control character
/// comes out of it.
std::optional<std::string> decoded(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      c = ' ';
    } else if (c == '%') {
      unsigned value = 0;
      if (i + 2 >= text.size()) return std::nullopt;
      auto [end, ec] = std::from_chars(text.data() + i + 1, text.data() + i + 3, value, 16);
      if (ec != std::errc() || end != text.data() + i + 3) return std::nullopt;
      c = static_cast<char>(value);
      i += 2;
    }
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return std::nullopt;
    out += c;
  }
  return out;
}

std::optional<query_map> parse_query(std::string_view query) {
  query_map values;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    auto name = decoded(pair.substr(0, eq));
    auto value = decoded(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1));
    if (!name || !value) return std::nullopt;
    values.insert_or_assign(std::move(*name), std::move(*value));
  }
  return values;
}

std::string cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const auto semi = header.find(';');
    std::string_view part = header.substr(0, semi);
    header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
    while (part.starts_with(' ')) part.remove_prefix(1);
    if (part.size() > name.size() && part.starts_with(name) && part[name.size()] == '=')
      return std::string(part.substr(name.size() + 1));
  }
  return {};
}

bool same_secret(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

unsigned status_for(sdk::reason why) {
  switch (why) {
    case sdk::reason::invalid_input: return 400;
    case sdk::reason::not_found: return 404;
    case sdk::reason::denied: return 403;
    case sdk::reason::conflict:
    case sdk::reason::cancelled: return 409;
    case sdk::reason::unavailable: return 503;
    default: return 500;
  }
}

web_response failure(const sdk::error& e) {
  // An error's technical text is for the log; the operator's page gets the message and what to do.
  return error_response(status_for(e.why), e.message,
                        e.why == sdk::reason::internal ? "see the console's log; other nodes keep working" : e.technical);
}

web_response json_response(const json::object& body, unsigned status = 200) {
  web_response response;
  response.status = status;
  response.body = json::serialize(body);
  return response;
}

std::string session_cookie(const std::string& id) {
  return std::string(cookie_name) + "=" + id + "; Secure; HttpOnly; SameSite=Strict; Path=/";
}

std::optional<std::size_t> number(const query_map& query, std::string_view name, std::size_t fallback) {
  const auto it = query.find(name);
  if (it == query.end()) return fallback;
  std::size_t value = 0;
  const std::string& text = it->second;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string text(const query_map& query, std::string_view name) {
  const auto it = query.find(name);
  return it == query.end() ? std::string{} : it->second;
}

// Parsed into memory that is wiped when freed: bodies carry passwords and the access token.
std::optional<json::object> json_body(const std::string& body) {
  boost::system::error_code ec;
  json::value value = json::parse(body, ec, wiping_storage());
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.as_object());
}

web_response bad_body() {
  return error_response(400, "The request body is not a JSON object.", "send the JSON docs/web-api.md shows for this route");
}

/// Drops the tasks of sessions that logged out or expired since the last call.
void drop_ended_sessions(web_sessions& sessions, task_board* tasks) {
  for (const std::string& id : sessions.take_ended())
    if (tasks != nullptr) tasks->drop_session(id);
}

/// The parsed pieces of one request.
struct request_parts {
  const web_request& request;
  std::string path;
  query_map query;
};

class handler {
 public:
  handler(web_context& context, const request_parts& parts) : c_(context), r_(parts) {}

  web_response answer() {
    if (auto host = c_.guard.check_host(r_.request.host); !host) return failure(host.error());
    const bool post = r_.request.method == "POST";
    if (post)
      if (auto origin = c_.guard.check_origin(r_.request.origin, r_.request.host); !origin) return failure(origin.error());
    if (r_.path == "/api/login") return post ? login() : wrong_method();
    if (r_.path == "/" || r_.path == "/index.html") return index();
    if (!r_.path.starts_with("/api/")) return asset();
    session_ = c_.sessions.find(cookie_value(r_.request.cookie, cookie_name));
    if (!session_)
      return error_response(401, "No web session: this browser has not logged in, or its session ended.",
                            "open the URL with the access token that `arbor web` printed");
    if (post && !same_secret(r_.request.csrf, session_->csrf))
      return error_response(403, "The request lacks the session's CSRF token.",
                            "reload the page; requests must carry the X-CSRF-Token header the session gave");
    return api(post);
  }

 private:
  web_response wrong_method() {
    return error_response(405, "The method " + r_.request.method + " is not allowed on " + r_.path + ".",
                          "see docs/web-api.md for the routes");
  }

  web_response not_found() {
    return error_response(404, "There is no route " + r_.path + ".", "see docs/web-api.md for the routes");
  }

  web_response login() {
    auto body = json_body(r_.request.body);
    if (!body || !body->contains("token") || !(*body)["token"].is_string()) return bad_body();
    auto opened = c_.sessions.open(std::string((*body)["token"].as_string()), r_.request.client);
    if (!opened) return failure(opened.error());
    web_response response = json_response({{"csrf", opened.value().csrf}});
    response.headers.emplace_back("Set-Cookie", session_cookie(opened.value().cookie));
    return response;
  }

  web_response index() {
    if (r_.request.method != "GET") return wrong_method();
    if (const auto token = r_.query.find("token"); token != r_.query.end()) {
      auto opened = c_.sessions.open(token->second, r_.request.client);
      if (!opened) {
        // An operator followed the address: the page, not JSON, says the token was refused.
        web_response page = asset();
        page.status = 403;
        return page;
      }
      web_response response;
      response.status = 303;
      response.content_type = "text/plain; charset=utf-8";
      response.headers.emplace_back("Location", "/");
      response.headers.emplace_back("Set-Cookie", session_cookie(opened.value().cookie));
      return response;
    }
    // The page holds no data: without a session it asks for the token (POST /api/login).
    return asset();
  }

  web_response asset() {
    if (r_.request.method != "GET") return wrong_method();
    const embedded_asset* found = find_asset(r_.path);
    if (found == nullptr) return not_found();
    web_response response;
    response.content_type = std::string(found->content_type);
    response.body = std::string(found->bytes);
    return response;
  }

  web_response api(bool post) {
    const std::string& p = r_.path;
    if (p == "/api/session") return post ? wrong_method() : session();
    if (p == "/api/logout") return post ? logout() : wrong_method();
    if (p == "/api/invite") return post ? invite() : wrong_method();
    if (p == "/api/tree" || p == "/api/node" || p == "/api/details" || p == "/api/plugins") {
      if (post) return wrong_method();
      auto inside = c_.gate.enter();
      if (p == "/api/tree") return json_response(tree_json(c_.tree));
      if (p == "/api/plugins") return json_response(plugins_json(c_.registry));
      const tree_node* node = c_.tree.find(text(r_.query, "path"));
      if (node == nullptr)
        return error_response(404, "There is no node \"" + text(r_.query, "path") + "\".", "pick a node of /api/tree");
      if (p == "/api/node") return json_response(node_json(*node, c_.menus, c_.registry));
      return details(*node);
    }
    if (p == "/api/tasks" || p.starts_with("/api/tasks/")) return task(post);
    return not_found();
  }

  web_response session() {
    return json_response({{"csrf", session_->csrf},
                          {"idle_seconds", std::chrono::duration_cast<std::chrono::seconds>(session_->idle_left).count()}});
  }

  web_response logout() {
    c_.sessions.close(session_->id);
    web_response response = json_response({{"logged_out", true}});
    response.headers.emplace_back("Set-Cookie", std::string(cookie_name) +
                                                    "=; Secure; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
    return response;
  }

  web_response invite() {
    auto made = c_.sessions.invite(session_->id, r_.request.client);
    if (!made) return failure(made.error());
    const auto& [token, valid] = made.value();
    return json_response({{"token", token}, {"path", "/?token=" + token}, {"valid_seconds", valid.count()}});
  }

  web_response details(const tree_node& node) {
    details_query query;
    const auto table = number(r_.query, "table", 0);
    const auto offset = number(r_.query, "offset", 0);
    const auto limit = number(r_.query, "limit", 200);
    const std::string order = text(r_.query, "order");
    if (!table || !offset || !limit || (!order.empty() && order != "asc" && order != "desc"))
      return error_response(400, "table, offset and limit take non-negative numbers, order takes asc or desc.",
                            "see docs/web-api.md for the parameters of /api/details");
    query.table = *table;
    query.offset = *offset;
    query.limit = *limit;
    query.sort = text(r_.query, "sort");
    query.descending = order == "desc";
    query.filter = text(r_.query, "filter");
    auto answer = details_json(node, c_.registry, query);
    if (!answer) return failure(answer.error());
    return json_response(answer.value());
  }

  web_response task(bool post);
  web_response start_task();
  web_response events(const std::string& id);

  web_context& c_;
  const request_parts& r_;
  std::optional<web_session> session_;
};

web_response handler::task(bool post) {
  if (c_.tasks == nullptr)
    return error_response(503, "Tasks are not available in this console.", "run the task with `arbor run`");
  if (r_.path == "/api/tasks") return post ? start_task() : wrong_method();
  std::string_view rest = std::string_view(r_.path).substr(std::string_view("/api/tasks/").size());
  const auto slash = rest.find('/');
  const std::string id(rest.substr(0, slash));
  const std::string_view verb = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
  if (id.empty()) return not_found();
  const std::string& sid = session_->id;
  if (verb.empty() && !post) {
    auto state = c_.tasks->state(sid, id);
    return state ? json_response(state.value()) : failure(state.error());
  }
  if (verb == "events" && !post) return events(id);
  if (verb == "answer" && post) {
    auto body = json_body(r_.request.body);
    if (!body) return bad_body();
    auto state = c_.tasks->answer(sid, id, *body);
    return state ? json_response(state.value()) : failure(state.error());
  }
  if (verb == "preview" && post) {
    auto body = json_body(r_.request.body);
    if (!body) return bad_body();
    auto preview = c_.tasks->preview(sid, id, *body);
    return preview ? json_response(preview.value()) : failure(preview.error());
  }
  if (verb == "paths" && !post) {
    auto listed = c_.tasks->paths(sid, id, text(r_.query, "field"), text(r_.query, "dir"));
    return listed ? json_response(listed.value()) : failure(listed.error());
  }
  if (verb == "cancel" && post) {
    if (auto cancelled = c_.tasks->cancel(sid, id); !cancelled) return failure(cancelled.error());
    auto state = c_.tasks->state(sid, id);
    return state ? json_response(state.value()) : failure(state.error());
  }
  return verb == "events" || verb == "answer" || verb == "cancel" || verb == "preview" || verb == "paths" || verb.empty()
             ? wrong_method()
             : not_found();
}

web_response handler::start_task() {
  auto body = json_body(r_.request.body);
  if (!body || !body->contains("path") || !(*body)["path"].is_string() || !body->contains("action") ||
      !(*body)["action"].is_string())
    return bad_body();
  std::vector<std::string> rows;
  if (const auto* given = body->if_contains("rows")) {
    if (!given->is_array()) return bad_body();
    for (const auto& row : given->as_array()) {
      if (!row.is_string()) return bad_body();
      rows.emplace_back(row.as_string());
    }
  }
  auto started = c_.tasks->start(session_->id, std::string((*body)["path"].as_string()),
                                 std::string((*body)["action"].as_string()), rows);
  if (!started) return failure(started.error());
  auto state = c_.tasks->state(session_->id, started.value());
  return state ? json_response(state.value(), 201) : failure(state.error());
}

/// One `data:` event per new version of the task's state, until it is done (or the session or
/// task goes away); a comment line every event_wait keeps proxies from closing a quiet stream.
/// Each wake-up looks whether the session is still there, so the stream ends within event_wait
/// of a logout or an expiry even when no other request comes.
web_response handler::events(const std::string& id) {
  auto first = c_.tasks->state(session_->id, id);
  if (!first) return failure(first.error());
  struct stream_state {
    web_sessions* sessions;
    task_board* tasks;
    std::string session;
    std::string task;
    std::optional<json::object> pending;
    std::uint64_t seen{0};
    bool finished{false};
  };
  auto s = std::make_shared<stream_state>(stream_state{&c_.sessions, c_.tasks, session_->id, id, std::move(first.value())});
  web_response response;
  response.content_type = "text/event-stream";
  response.next_event = [s]() -> std::optional<std::string> {
    if (s->finished) return std::nullopt;
    if (!s->pending) {
      // alive() sweeps out expired sessions without restarting any one's idle time; the tasks of
      // ended ones are dropped, and the stream ends with its own session.
      const bool alive = s->sessions->alive(s->session);
      drop_ended_sessions(*s->sessions, s->tasks);
      if (!alive) return std::nullopt;
      auto changed = s->tasks->wait_change(s->session, s->task, s->seen, event_wait);
      if (!changed) return std::nullopt;
      const auto* version = changed.value().if_contains("version");
      if (version && version->is_number() && version->to_number<std::uint64_t>() <= s->seen) return ": waiting\n\n";
      s->pending = std::move(changed.value());
    }
    const json::object state = std::move(*s->pending);
    s->pending.reset();
    if (const auto* version = state.if_contains("version"); version && version->is_number())
      s->seen = version->to_number<std::uint64_t>();
    const auto* phase = state.if_contains("state");
    s->finished = phase && phase->is_string() && phase->as_string() == "done";
    return "data: " + json::serialize(state) + "\n\n";
  };
  return response;
}

}  // namespace

web_response error_response(unsigned status, const std::string& message, const std::string& what_to_do) {
  web_response response;
  response.status = status;
  response.body = json::serialize(json::object{{"error", json::object{{"message", message}, {"what_to_do", what_to_do}}}});
  return response;
}

void add_security_headers(web_response& response, bool api) {
  response.headers.emplace_back("Content-Security-Policy",
                                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  response.headers.emplace_back("X-Frame-Options", "DENY");
  response.headers.emplace_back("Referrer-Policy", "no-referrer");
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  if (api) response.headers.emplace_back("Cache-Control", "no-store");
}

web_response web_routes::route(const web_request& request) {
  const std::string_view target = request.target;
  const auto mark = target.find('?');
  auto path = decoded(target.substr(0, mark));
  auto query = parse_query(mark == std::string_view::npos ? std::string_view{} : target.substr(mark + 1));
  if (!path || !query || !target.starts_with('/'))
    return error_response(400, "The request's address is malformed.", "use the addresses docs/web-api.md lists");
  const request_parts parts{request, std::move(*path), std::move(*query)};
  return handler(context_, parts).answer();
}

web_response web_routes::failed_inside(std::string_view what) {
  context_.log.write(sdk::log_level::error, "web: a request failed inside the console: " + std::string(what));
  return error_response(500, "The console failed to answer this request.", "see the console's log; other requests keep working");
}

void web_routes::forget_ended_sessions() { drop_ended_sessions(context_.sessions, context_.tasks); }

web_response web_routes::answer(const web_request& request) {
  web_response response;
  try {
    response = route(request);
  } catch (const std::exception& e) {
    response = failed_inside(e.what());
  } catch (...) {
    response = failed_inside("an exception not derived from std::exception");
  }
  forget_ended_sessions();
  add_security_headers(response, request.target.starts_with("/api/"));
  return response;
}

}  // namespace arbor::host::web
