#define BOOST_TEST_MODULE web_server_test
#include <boost/test/unit_test.hpp>

#include "web_test_server.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

using namespace arbor::host::web;
using namespace arbor::host::web::test;
namespace json = boost::json;

namespace {

json::value parsed(const reply& r) {
  boost::system::error_code ec;
  json::value v = json::parse(r.body, ec);
  BOOST_TEST_REQUIRE(!ec, "not JSON: " << r.body);
  return v;
}

std::string error_message(const reply& r) { return std::string(parsed(r).at("error").at("message").as_string()); }

/// A logged-in browser: its cookie and CSRF token on every request.
struct browser : web_test_server {
  std::string cookie;
  std::string csrf;
  browser() { std::tie(cookie, csrf) = login(); }

  reply get(const std::string& target) {
    https_client client(port());
    return client.request("GET", target, {{"Cookie", cookie}});
  }
  reply post(const std::string& target, const std::string& body = "{}") {
    https_client client(port());
    return client.request("POST", target, {{"Cookie", cookie}, {"X-CSRF-Token", csrf}, {"Origin", origin()}}, body);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(token_exchange, web_test_server)

BOOST_AUTO_TEST_CASE(the_token_url_sets_a_secure_httponly_strict_cookie_and_redirects_home) {
  https_client client(port());
  const reply r = client.request("GET", "/?token=" + token);
  BOOST_TEST(r.status == 303u);
  BOOST_TEST(r.header("location") == "/");
  const std::string cookie = r.header("set-cookie");
  BOOST_TEST(cookie.starts_with("arbor_session="));
  BOOST_TEST(cookie.find("; Secure") != std::string::npos);
  BOOST_TEST(cookie.find("; HttpOnly") != std::string::npos);
  BOOST_TEST(cookie.find("; SameSite=Strict") != std::string::npos);
  BOOST_TEST(cookie.find("; Path=/") != std::string::npos);
  // 128 random bits, as 32 hex digits.
  BOOST_TEST(cookie.substr(14, cookie.find(';') - 14).size() == 32u);
  const reply home = client.request("GET", "/", {{"Cookie", cookie.substr(0, cookie.find(';'))}});
  BOOST_TEST(home.status == 200u);
  BOOST_TEST(home.header("content-type").starts_with("text/html"));
}

BOOST_AUTO_TEST_CASE(the_token_works_once_and_a_replay_is_refused_and_audited) {
  login();
  https_client client(port());
  const reply again = client.request("GET", "/?token=" + token);
  BOOST_TEST(again.status == 403u);
  BOOST_TEST(again.header("content-type").starts_with("text/html"));  // the page says so to whoever followed it
  BOOST_TEST(again.header("set-cookie").empty());
  BOOST_TEST(log.mentions("a used access token was replayed from 127.0.0.1"));
  for (const auto& line : log.lines()) BOOST_TEST(line.find(token) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(wrong_tokens_are_rate_limited_and_the_right_one_still_opens) {
  https_client client(port());
  for (int i = 0; i < 7; ++i) BOOST_TEST(client.request("GET", "/?token=0123456789abcdef0123456789abcdef").status == 403u);
  const reply wrong = client.request("POST", "/api/login", {}, R"({"token":"0123456789abcdef0123456789abcdef"})");
  BOOST_TEST(error_message(wrong).find("Too many wrong access tokens") != std::string::npos);
  BOOST_TEST(log.mentions("a wrong access token was tried from 127.0.0.1"));
  BOOST_TEST(log.mentions("wrong or used access tokens within a minute"));
  const reply right = client.request("POST", "/api/login", {}, R"({"token":")" + token + R"("})");
  BOOST_TEST(right.status == 200u);
}

BOOST_AUTO_TEST_CASE(the_api_needs_a_session_and_the_page_asking_for_the_token_does_not) {
  https_client client(port());
  const reply api = client.request("GET", "/api/tree");
  BOOST_TEST(api.status == 401u);
  BOOST_TEST(error_message(api).find("No web session") != std::string::npos);
  BOOST_TEST(client.request("GET", "/api/tree", {{"Cookie", "arbor_session=0123456789abcdef0123456789abcdef"}}).status == 401u);
  // The page, its scripts and styles hold no data: without a session they ask for the token.
  BOOST_TEST(client.request("GET", "/").status == 200u);
  BOOST_TEST(client.request("GET", "/style.css").status == 200u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(request_checks, browser)

BOOST_AUTO_TEST_CASE(a_post_without_the_sessions_csrf_token_is_refused) {
  https_client client(port());
  const reply none = client.request("POST", "/api/logout", {{"Cookie", cookie}, {"Origin", origin()}});
  BOOST_TEST(none.status == 403u);
  BOOST_TEST(error_message(none).find("CSRF") != std::string::npos);
  const reply wrong =
      client.request("POST", "/api/logout", {{"Cookie", cookie}, {"Origin", origin()}, {"X-CSRF-Token", std::string(32, 'a')}});
  BOOST_TEST(wrong.status == 403u);
  BOOST_TEST(get("/api/session").status == 200u);  // still logged in
}

BOOST_AUTO_TEST_CASE(a_post_from_another_origin_is_refused) {
  https_client client(port());
  const reply r = client.request(
      "POST", "/api/logout", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}, {"Origin", "https://evil.example"}});
  BOOST_TEST(r.status == 403u);
  BOOST_TEST(error_message(r).find("another site") != std::string::npos);
  BOOST_TEST(get("/api/session").status == 200u);
}

BOOST_AUTO_TEST_CASE(a_host_header_of_another_name_is_refused_against_dns_rebinding) {
  https_client client(port());
  const std::string evil = "evil.example:" + std::to_string(port());
  const reply r = client.request("GET", "/api/tree", {{"Cookie", cookie}, {"Host", evil}});
  BOOST_TEST(r.status == 403u);
  BOOST_TEST(error_message(r).find("does not answer to the name") != std::string::npos);
  const reply allowed = client.request("GET", "/api/tree", {{"Cookie", cookie}, {"Host", "console.example:" + std::to_string(port())}});
  BOOST_TEST(allowed.status == 200u);
  BOOST_TEST(client.request("GET", "/api/tree", {{"Cookie", cookie}, {"Host", "127.0.0.1:1"}}).status == 403u);
}

BOOST_AUTO_TEST_CASE(every_answer_carries_the_security_headers) {
  for (const reply& r : {get("/"), get("/api/tree"), get("/no-such-file.js"), get("/api/nothing")}) {
    BOOST_TEST(r.header("content-security-policy") ==
               "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
               "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    BOOST_TEST(r.header("x-frame-options") == "DENY");
    BOOST_TEST(r.header("referrer-policy") == "no-referrer");
    BOOST_TEST(r.header("x-content-type-options") == "nosniff");
  }
  BOOST_TEST(get("/api/tree").header("cache-control") == "no-store");
}

BOOST_AUTO_TEST_CASE(unknown_routes_are_404_and_wrong_methods_405_as_json) {
  const reply missing = get("/api/nothing");
  BOOST_TEST(missing.status == 404u);
  BOOST_TEST(parsed(missing).at("error").as_object().contains("what_to_do"));
  BOOST_TEST(post("/api/tree").status == 405u);
  BOOST_TEST(get("/api/logout").status == 405u);
  BOOST_TEST(get("/api/node?path=No%20Such%20Node").status == 404u);
  BOOST_TEST(get("/api/details?path=Fixtures/Tiny&limit=x").status == 400u);
  BOOST_TEST(get("/api/details?path=%zz").status == 400u);
}

BOOST_AUTO_TEST_CASE(session_gives_the_csrf_token_and_logout_ends_it) {
  const json::value s = parsed(get("/api/session"));
  BOOST_TEST(s.at("csrf").as_string() == csrf);
  BOOST_TEST(s.at("idle_seconds").as_int64() > 0);
  const reply out = post("/api/logout");
  BOOST_TEST(out.status == 200u);
  BOOST_TEST(out.header("set-cookie").find("Max-Age=0") != std::string::npos);
  BOOST_TEST(get("/api/session").status == 401u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(invitations, browser)

BOOST_AUTO_TEST_CASE(an_invitation_opens_a_second_browser_with_a_session_of_its_own) {
  const reply made = post("/api/invite");
  BOOST_TEST_REQUIRE(made.status == 200u);
  const std::string invitation(parsed(made).at("token").as_string());
  BOOST_TEST(parsed(made).at("path").as_string() == "/?token=" + invitation);
  BOOST_TEST(parsed(made).at("valid_seconds").as_int64() == 600);
  BOOST_TEST(made.header("cache-control").find("no-store") != std::string::npos);

  https_client second(port());
  const reply opened = second.request("GET", "/?token=" + invitation);
  BOOST_TEST_REQUIRE(opened.status == 303u);
  const std::string other = opened.header("set-cookie").substr(0, opened.header("set-cookie").find(';'));
  BOOST_TEST(other != cookie);
  BOOST_TEST(second.request("GET", "/api/tree", {{"Cookie", other}}).status == 200u);
  BOOST_TEST(second.request("GET", "/?token=" + invitation).status == 403u);  // once only
  // Each browser logs out alone.
  const reply other_session = second.request("GET", "/api/session", {{"Cookie", other}});
  const std::string other_csrf(parsed(other_session).at("csrf").as_string());
  BOOST_TEST(second.request("POST", "/api/logout", {{"Cookie", other}, {"X-CSRF-Token", other_csrf}, {"Origin", origin()}}).status ==
             200u);
  BOOST_TEST(second.request("GET", "/api/tree", {{"Cookie", other}}).status == 401u);
  BOOST_TEST(get("/api/tree").status == 200u);
  for (const auto& line : log.lines()) BOOST_TEST(line.find(invitation) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_invitation_needs_the_sessions_csrf_token) {
  https_client client(port());
  const reply r = client.request("POST", "/api/invite", {{"Cookie", cookie}, {"Origin", origin()}});
  BOOST_TEST(r.status == 403u);
  BOOST_TEST(r.body.find("token\":") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(browse, browser)

BOOST_AUTO_TEST_CASE(tree_json_holds_every_healthy_node_under_console_root) {
  const json::value tree = parsed(get("/api/tree"));
  const json::object& root = tree.at("root").as_object();
  BOOST_TEST(root.at("name").as_string() == "Console Root");
  const std::string text = json::serialize(tree);
  BOOST_TEST(text.find(R"("path":"Fixtures/Tiny","type":"fixture.tiny")") != std::string::npos);
  BOOST_TEST(text.find(R"("path":"Test Tools/Complete/Child")") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(node_json_lists_the_actions_by_slot) {
  const json::value node = parsed(get("/api/node?path=Test%20Tools/Complete"));
  BOOST_TEST(node.at("name").as_string() == "Complete");
  const json::array& actions = node.at("actions").as_array();
  BOOST_TEST_REQUIRE(actions.size() == 2u);
  BOOST_TEST(actions[0].at("id").as_string() == "exercise");
  BOOST_TEST(actions[0].at("kind").as_string() == "task");
  BOOST_TEST(actions[0].at("takes_rows").as_bool() == false);
  BOOST_TEST(actions[1].at("id").as_string() == "general");
  BOOST_TEST(actions[1].at("kind").as_string() == "properties");
}

BOOST_AUTO_TEST_CASE(details_json_pages_through_the_row_windows) {
  const json::value page = parsed(get("/api/details?path=Test+Tools/Complete&offset=20&limit=10"));
  BOOST_TEST(page.at("warnings").as_array().size() == 2u);
  const json::object& items = page.at("tables").as_array()[0].as_object();
  BOOST_TEST(items.at("title").as_string() == "Items");
  BOOST_TEST(items.at("total_rows").as_int64() == 25);
  BOOST_TEST_REQUIRE(items.at("rows").as_array().size() == 5u);
  BOOST_TEST(items.at("rows").as_array()[0].as_array()[0].as_string() == "item-21");
  BOOST_TEST(items.at("row_keys").is_null());
  BOOST_TEST(items.at("columns").as_array()[1].at("label").as_string() == "State");
}

BOOST_AUTO_TEST_CASE(details_json_sorts_and_filters_the_whole_table_as_the_console_does) {
  const json::value sorted = parsed(get("/api/details?path=Test%20Tools/Complete&sort=name&order=desc&limit=3"));
  const json::array& rows = sorted.at("tables").as_array()[0].at("rows").as_array();
  BOOST_TEST_REQUIRE(rows.size() == 3u);
  BOOST_TEST(rows[0].as_array()[0].as_string() == "item-25");  // numbers by value: not "item-9"
  BOOST_TEST(rows[2].as_array()[0].as_string() == "item-23");
  const json::value filtered = parsed(get("/api/details?path=Test%20Tools/Complete&filter=ITEM-2&sort=name"));
  const json::object& items = filtered.at("tables").as_array()[0].as_object();
  BOOST_TEST(items.at("total_rows").as_int64() == 7);  // item-2, item-20 ... item-25
  BOOST_TEST(items.at("rows").as_array()[1].as_array()[0].as_string() == "item-20");
  const reply bad = get("/api/details?path=Test%20Tools/Complete&sort=nonsense");
  BOOST_TEST(bad.status == 400u);
  BOOST_TEST(error_message(bad).find("no column \"nonsense\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(plugins_json_shows_each_plugin_with_its_load_error) {
  BOOST_TEST(get("/api/details?path=Fixtures/Tiny").status == 200u);  // loads it
  const json::value all = parsed(get("/api/plugins"));
  bool tiny_loaded = false;
  bool failed_with_reason = false;
  for (const auto& p : all.at("plugins").as_array()) {
    if (p.at("id").as_string() == "org.arbor.fixture.tiny" && p.at("state").as_string() == "loaded")
      tiny_loaded = p.at("error").is_null() && p.at("name").as_string() == "Tiny";
    if (p.at("state").as_string() == "failed")
      failed_with_reason = !p.at("error").at("message").as_string().empty();
  }
  BOOST_TEST(tiny_loaded);
  BOOST_TEST(failed_with_reason);
}

BOOST_AUTO_TEST_CASE(a_throwing_plugin_fails_its_request_and_the_server_keeps_serving) {
  const reply broken = get("/api/details?path=Fixtures/Throws%20In%20Calls");
  BOOST_TEST(broken.status == 500u);
  BOOST_TEST(error_message(broken).find("org.arbor.fixture.throws-in-calls") != std::string::npos);
  BOOST_TEST(get("/api/details?path=Fixtures/Tiny").status == 200u);
  BOOST_TEST(get("/api/tree").status == 200u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(tasks, browser)

BOOST_AUTO_TEST_CASE(a_task_walks_its_pages_and_its_events_stream_ends_when_done) {
  const reply started = post("/api/tasks", R"({"path":"Fixtures/Tiny","action":"greet"})");
  BOOST_TEST_REQUIRE(started.status == 201u);
  const json::value state = parsed(started);
  BOOST_TEST(state.at("state").as_string() == "page");
  const std::string id(state.at("id").as_string());
  const reply refused = post("/api/tasks/" + id + "/answer", R"({"step":"next","answers":{"name":""}})");
  BOOST_TEST(parsed(refused).at("page").at("problem").at("message").as_string() ==
             "The required field \"Name\" on page \"Who\" is empty.");
  const reply done = post("/api/tasks/" + id + "/answer", R"({"step":"next","answers":{"name":"web"}})");
  BOOST_TEST_REQUIRE(done.status == 200u);
  // The run may still be finishing: the event stream reports every change until "done".
  https_client client(port());
  client.send_raw("GET /api/tasks/" + id + "/events HTTP/1.1\r\nHost: " + host() + "\r\nCookie: " + cookie + "\r\n\r\n");
  const std::string stream = client.read_some(std::chrono::seconds(10));
  BOOST_TEST(stream.find("Content-Type: text/event-stream") != std::string::npos);
  BOOST_TEST(stream.find("data: {") != std::string::npos);
  BOOST_TEST(stream.find("Hello, web") != std::string::npos);
  BOOST_TEST(parsed(get("/api/tasks/" + id)).at("state").as_string() == "done");
}

BOOST_AUTO_TEST_CASE(cancel_while_a_task_runs_reaches_its_plugin_and_nothing_is_written) {
  const std::filesystem::path report = state.path() / "report.txt";
  const reply started = post("/api/tasks", R"({"path":"Test Tools/Complete","action":"exercise"})");
  BOOST_TEST_REQUIRE(started.status == 201u);
  const std::string id(parsed(started).at("id").as_string());
  const std::string answer = "/api/tasks/" + id + "/answer";
  post(answer, R"({"step":"next","answers":{"name":"Ann","output":")" + report.string() + R"(","password":"pw-1234"}})");
  post(answer, R"({"step":"next","answers":{}})");
  log.pause_at("Exercise started");  // run() is held before it writes
  BOOST_TEST(parsed(post(answer, R"({"step":"next","answers":{"proceed":true}})")).at("state").as_string() == "running");
  BOOST_TEST_REQUIRE(log.wait_paused());

  const reply cancelled = post("/api/tasks/" + id + "/cancel");
  BOOST_TEST(cancelled.status == 200u);
  BOOST_TEST(parsed(cancelled).at("state").as_string() == "running");  // until the plugin looks
  log.resume();
  json::value now = parsed(get("/api/tasks/" + id));
  for (int i = 0; i < 200 && now.at("state").as_string() != "done"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    now = parsed(get("/api/tasks/" + id));
  }
  BOOST_TEST_REQUIRE(now.at("state").as_string() == "done");
  BOOST_TEST(now.at("outcome").at("end").as_string() == "cancelled");
  BOOST_TEST(now.at("outcome").at("error").at("message").as_string() == "Cancelled before writing.");
  BOOST_TEST(!std::filesystem::exists(report));
}

/// A task waiting on its first page, and its event stream opened on `events` (its first event read).
std::string watched_task(browser& b, https_client& events) {
  const reply started = b.post("/api/tasks", R"({"path":"Fixtures/Tiny","action":"greet"})");
  BOOST_TEST_REQUIRE(started.status == 201u);
  const std::string id(parsed(started).at("id").as_string());
  events.send_raw("GET /api/tasks/" + id + "/events HTTP/1.1\r\nHost: " + b.host() + "\r\nCookie: " + b.cookie + "\r\n\r\n");
  BOOST_TEST_REQUIRE(events.read_some(std::chrono::milliseconds(500)).find("data: {") != std::string::npos);
  return id;
}

/// Whether the server ends the stream within `bound` (what it sends until then is read).
bool stream_ends_within(https_client& events, std::chrono::milliseconds bound) {
  const auto began = std::chrono::steady_clock::now();
  events.read_some(bound + std::chrono::seconds(2));
  return std::chrono::steady_clock::now() - began < bound;
}

BOOST_AUTO_TEST_CASE(an_event_stream_ends_when_its_session_logs_out) {
  https_client events(port());
  watched_task(*this, events);
  BOOST_TEST_REQUIRE(post("/api/logout").status == 200u);
  BOOST_TEST(stream_ends_within(events, std::chrono::seconds(6)));
}

BOOST_AUTO_TEST_CASE(an_event_stream_ends_when_its_session_expires_with_no_request_coming) {
  https_client events(port());
  watched_task(*this, events);
  sessions_clock_ahead_ms = std::chrono::duration_cast<std::chrono::milliseconds>(session_limits{}.idle).count() + 1000;
  // No request comes to sweep the sessions: the stream itself sees its session gone at its next
  // wake-up (every 5 s at most).
  BOOST_TEST(stream_ends_within(events, std::chrono::seconds(6)));
}

BOOST_AUTO_TEST_CASE(a_secret_answer_is_never_sent_back_or_logged) {
  const std::string password = "web-secret-Zq81";
  std::vector<reply> replies;
  replies.push_back(post("/api/tasks", R"({"path":"Test Tools/Complete","action":"exercise"})"));
  const std::string id(parsed(replies.back()).at("id").as_string());
  replies.push_back(post("/api/tasks/" + id + "/answer",
                         R"({"step":"next","answers":{"name":"Ann","output":")" + (state.path() / "report.txt").string() +
                             R"(","password":")" + password + R"("}})"));
  BOOST_TEST(parsed(replies.back()).at("page").at("id").as_string() == "options");
  replies.push_back(get("/api/tasks/" + id));
  replies.push_back(post("/api/tasks/" + id + "/answer", R"({"step":"back","answers":{}})"));
  replies.push_back(post("/api/tasks/" + id + "/cancel"));
  BOOST_TEST(replies.back().status == 200u);
  BOOST_TEST(parsed(replies.back()).at("id").as_string() == id);
  for (const reply& r : replies) BOOST_TEST(r.body.find(password) == std::string::npos);
  for (const auto& line : log.lines()) BOOST_TEST(line.find(password) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_preview_and_file_picker_routes_answer_for_the_shown_page_only) {
  const std::filesystem::path files = state.path() / "files";
  std::filesystem::create_directories(files / "sub");
  std::ofstream(files / "a.txt") << "never sent";
  const std::string id(parsed(post("/api/tasks", R"({"path":"Test Tools/Complete","action":"exercise"})")).at("id").as_string());
  const reply listed = get("/api/tasks/" + id + "/paths?field=output&dir=" + files.string());
  BOOST_TEST_REQUIRE(listed.status == 200u, listed.body);
  BOOST_TEST(parsed(listed).at("entries").at(0).at("name").as_string() == "sub");
  BOOST_TEST(parsed(listed).at("entries").at(1).at("kind").as_string() == "file");
  BOOST_TEST(listed.body.find("never sent") == std::string::npos);
  BOOST_TEST(get("/api/tasks/" + id + "/paths?field=output&dir=" + (files / "a.txt").string()).status == 400u);
  BOOST_TEST(get("/api/tasks/" + id + "/paths?field=output&dir=%01").status == 400u);
  BOOST_TEST(get("/api/tasks/" + id + "/paths?field=name").status == 404u);
  BOOST_TEST(post("/api/tasks/" + id + "/paths").status == 405u);

  https_client client(port());  // a preview changes nothing, but is a POST like any: CSRF first
  const reply no_csrf = client.request("POST", "/api/tasks/" + id + "/preview", {{"Cookie", cookie}, {"Origin", origin()}},
                                       R"({"page":"identity","answers":{}})");
  BOOST_TEST(no_csrf.status == 403u);
  const reply older = post("/api/tasks/" + id + "/preview", R"({"page":"identity","answers":{"name":"Ada"}})");
  BOOST_TEST(older.status == 409u);  // the complete plugin asks API 1.0
  BOOST_TEST(error_message(older).find("SDK 1.0 or 1.1") != std::string::npos);
  BOOST_TEST(parsed(get("/api/tasks/" + id)).at("live").as_bool() == false);
  BOOST_TEST(get("/api/tasks/" + id + "/preview").status == 405u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(limits, web_test_server)

BOOST_AUTO_TEST_CASE(oversized_headers_are_refused_with_431) {
  https_client client(port());
  const reply r = client.request("GET", "/api/tree", {{"X-Padding", std::string(8000, 'p')}});
  BOOST_TEST(r.status == 431u);
  BOOST_TEST(r.header("x-frame-options") == "DENY");
}

BOOST_AUTO_TEST_CASE(an_oversized_body_is_refused_with_413) {
  https_client client(port());
  client.send_raw("POST /api/login HTTP/1.1\r\nHost: " + host() + "\r\nContent-Length: 70000\r\n\r\n");
  BOOST_TEST(client.read_reply().status == 413u);
  https_client chunked(port());
  chunked.send_raw("POST /api/login HTTP/1.1\r\nHost: " + host() + "\r\nTransfer-Encoding: chunked\r\n\r\n");
  const std::string chunk(32 * 1024, '{');
  // Exactly the limit, then one byte more: the server has read everything when it refuses.
  chunked.send_raw("8000\r\n" + chunk + "\r\n8000\r\n" + chunk + "\r\n1\r\n{\r\n");
  BOOST_TEST(chunked.read_reply().status == 413u);
}

BOOST_AUTO_TEST_CASE(malformed_http_is_refused_with_400) {
  https_client client(port());
  client.send_raw("GET /api/tree HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header Line\r\n\r\n");
  BOOST_TEST(client.read_reply().status == 400u);
}

// Sends `start`, then `trickle` every 300 ms; true when the server closed within 2.5 s.
bool cut_off_while_trickling(https_client& client, const std::string& start, const std::string& trickle) {
  const auto began = std::chrono::steady_clock::now();
  client.send_raw(start);
  bool cut = false;
  for (int i = 0; i < 10 && !cut; ++i) {
    try {
      client.send_raw(trickle);
    } catch (const std::exception&) {
      cut = true;
      break;
    }
    cut = client.closed_within(std::chrono::milliseconds(300));
  }
  return cut && std::chrono::steady_clock::now() - began < std::chrono::milliseconds(2500);
}

BOOST_AUTO_TEST_CASE(a_client_sending_its_headers_slowly_is_cut_off_by_the_header_timeout) {
  https_client client(port());
  BOOST_TEST(cut_off_while_trickling(client, "GET /api/tree HTTP/1.1\r\nHost: " + host() + "\r\n", "X-Slow: 1\r\n"));
}

BOOST_AUTO_TEST_CASE(a_client_sending_its_body_slowly_is_cut_off_by_the_body_timeout) {
  https_client client(port());
  BOOST_TEST(cut_off_while_trickling(
      client, "POST /api/login HTTP/1.1\r\nHost: " + host() + "\r\nContent-Length: 100\r\n\r\n{", " "));
}

BOOST_AUTO_TEST_CASE(connections_past_the_bound_are_closed_and_served_again_when_one_ends) {
  std::vector<std::unique_ptr<https_client>> held;
  for (std::size_t i = 0; i < test_limits().max_connections; ++i) held.push_back(std::make_unique<https_client>(port()));
  BOOST_TEST(!handshake_succeeds(port()));
  BOOST_TEST(log.mentions("connections are open, the most allowed"));
  held.pop_back();
  bool served = false;
  for (int i = 0; i < 20 && !served; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    served = handshake_succeeds(port());
  }
  BOOST_TEST(served);
}

server_limits three_per_address() {
  server_limits limits = test_limits();
  limits.max_connections_per_address = 3;
  return limits;
}

struct three_per_address_server : web_test_server {
  three_per_address_server() : web_test_server(three_per_address()) {}
};

BOOST_FIXTURE_TEST_CASE(one_address_past_its_bound_is_closed_at_once_and_another_address_is_still_served,
                        three_per_address_server) {
  // Idle connections from one address (the attacker's, or every client of a proxy in front).
  std::vector<std::unique_ptr<https_client>> held;
  for (int i = 0; i < 3; ++i) held.push_back(std::make_unique<https_client>(port()));
  BOOST_TEST(!handshake_succeeds(port()));
  BOOST_TEST(!handshake_succeeds(port()));
  BOOST_TEST(handshake_succeeds(port(), "127.0.0.2"));
  std::size_t told = 0;
  for (const auto& line : log.lines()) told += line.find("was closed at once") != std::string::npos ? 1 : 0;
  BOOST_TEST(told == 1u);  // a burst of refusals is one line
  BOOST_TEST(log.mentions("a connection from 127.0.0.1 was closed at once: that address holds 3 connections, the most one address may"));
  held.pop_back();
  bool served = false;
  for (int i = 0; i < 20 && !served; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    served = handshake_succeeds(port());
  }
  BOOST_TEST(served);  // the slot came back when the connection ended
}

BOOST_AUTO_TEST_SUITE_END()
