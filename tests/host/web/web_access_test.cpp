#define BOOST_TEST_MODULE web_access_test
// Who may use the web console, without a socket: sessions and their timeouts, the Host and
// Origin checks, and the TLS identity's files.
#include <boost/test/unit_test.hpp>

#include "host/web/request_guard.hpp"
#include "host/web/tls_identity.hpp"
#include "host/web/web_sessions.hpp"

#include "temporary_directory.hpp"

#include <sys/stat.h>

#include <fstream>
#include <regex>
#include <string>
#include <vector>

using namespace arbor::host::web;
namespace sdk = arbor::sdk;
using namespace std::chrono_literals;

namespace {

class recording_log final : public sdk::log {
 public:
  void write(sdk::log_level, std::string_view message) override { lines.emplace_back(message); }
  std::vector<std::string> lines;
};

struct sessions_at_a_fake_time {
  recording_log log;
  web_clock::time_point now{};
  session_limits limits = [] {
    session_limits l;
    l.idle = 10min;
    l.absolute = 60min;
    l.wrong_tokens = 3;
    l.wrong_token_window = 1min;
    return l;
  }();
  web_sessions sessions{"the-token-0123456789", limits, log, [this] { return now; }};

  /// Uses the session every 5 minutes until 5 minutes before its absolute end (60 minutes here).
  void use_until_five_minutes_before_its_end(const std::string& cookie) {
    for (int i = 0; i < 11; ++i) {
      now += 5min;
      BOOST_TEST_REQUIRE(sessions.find(cookie).has_value());
    }
  }
};

mode_t mode_of(const std::filesystem::path& path) {
  struct stat st{};
  BOOST_TEST_REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 0777;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(sessions, sessions_at_a_fake_time)

BOOST_AUTO_TEST_CASE(the_access_token_opens_one_session_with_random_cookie_and_csrf) {
  auto opened = sessions.open("the-token-0123456789", "10.0.0.1");
  BOOST_TEST_REQUIRE(opened.ok());
  BOOST_TEST(std::regex_match(opened.value().cookie, std::regex("[0-9a-f]{32}")));
  BOOST_TEST(std::regex_match(opened.value().csrf, std::regex("[0-9a-f]{32}")));
  BOOST_TEST(opened.value().cookie != opened.value().csrf);
  BOOST_TEST(sessions.find(opened.value().cookie).value().id == opened.value().id);
  BOOST_TEST(sessions.find(opened.value().cookie).value().cookie.empty());
  BOOST_TEST(!sessions.find(opened.value().csrf).has_value());
}

// The session's name is what tasks, logs and the ended list carry; it must not work as a cookie.
BOOST_AUTO_TEST_CASE(a_session_is_kept_by_its_cookies_digest_which_opens_nothing) {
  const web_session opened = sessions.open("the-token-0123456789", "10.0.0.1").value();
  BOOST_TEST(std::regex_match(opened.id, std::regex("[0-9a-f]{64}")));
  BOOST_TEST(opened.id.find(opened.cookie) == std::string::npos);
  BOOST_TEST(!sessions.find(opened.id).has_value());
  BOOST_TEST(sessions.alive(opened.id));
  BOOST_TEST(!sessions.alive(opened.cookie));
}

BOOST_AUTO_TEST_CASE(an_invitation_opens_one_more_session_once) {
  const web_session first = sessions.open("the-token-0123456789", "10.0.0.1").value();
  auto invitation = sessions.invite(first.id, "10.0.0.1");
  BOOST_TEST_REQUIRE(invitation.ok());
  BOOST_TEST(std::regex_match(invitation.value().token, std::regex("[0-9a-f]{32}")));
  BOOST_TEST(invitation.value().valid == std::chrono::seconds(10min));
  auto second = sessions.open(invitation.value().token, "10.0.0.2");
  BOOST_TEST_REQUIRE(second.ok());
  BOOST_TEST(second.value().id != first.id);
  BOOST_TEST(sessions.find(first.cookie).has_value());
  BOOST_TEST(sessions.find(second.value().cookie).has_value());
  BOOST_TEST(log.lines.back() == "web: invitation accepted from 10.0.0.2; session " + second.value().id.substr(0, 8) + " opened");
  BOOST_TEST(log.lines.end()[-2] == "web: session " + first.id.substr(0, 8) + " made an invitation for another browser from 10.0.0.1");
  auto replayed = sessions.open(invitation.value().token, "10.0.0.3");
  BOOST_TEST_REQUIRE(!replayed.ok());
  BOOST_TEST(log.lines.back() == "web: a used access token was replayed from 10.0.0.3; refused");
  for (const auto& line : log.lines) BOOST_TEST(line.find(invitation.value().token) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_unused_invitation_ends_with_the_session_that_made_it) {
  const web_session first = sessions.open("the-token-0123456789", "10.0.0.1").value();
  const std::string left = sessions.invite(first.id, "10.0.0.1").value().token;
  const std::string taken = sessions.invite(first.id, "10.0.0.1").value().token;
  const web_session second = sessions.open(taken, "10.0.0.2").value();
  sessions.close(first.id);
  BOOST_TEST(!sessions.open(left, "10.0.0.3").ok());
  BOOST_TEST(sessions.find(second.cookie).has_value());  // a session it opened stays
}

BOOST_AUTO_TEST_CASE(an_invitation_lapses_after_its_life) {
  const web_session first = sessions.open("the-token-0123456789", "10.0.0.1").value();
  const std::string invitation = sessions.invite(first.id, "10.0.0.1").value().token;
  now += limits.invitation_life;
  BOOST_TEST(!sessions.open(invitation, "10.0.0.2").ok());
  BOOST_TEST(log.lines.back() == "web: a wrong access token was tried from 10.0.0.2; refused");
}

BOOST_AUTO_TEST_CASE(only_a_live_session_invites) {
  const web_session first = sessions.open("the-token-0123456789", "10.0.0.1").value();
  BOOST_TEST(!sessions.invite(first.cookie, "10.0.0.1").ok());
  sessions.close(first.id);
  auto refused = sessions.invite(first.id, "10.0.0.1");
  BOOST_TEST_REQUIRE(!refused.ok());
  BOOST_TEST((refused.error().why == sdk::reason::denied));
}

BOOST_AUTO_TEST_CASE(invitations_past_the_bound_replace_the_oldest_unused) {
  const web_session first = sessions.open("the-token-0123456789", "10.0.0.1").value();
  std::vector<std::string> made;
  for (std::size_t i = 0; i <= limits.max_invitations; ++i) made.push_back(sessions.invite(first.id, "10.0.0.1").value().token);
  BOOST_TEST(!sessions.open(made.front(), "10.0.0.2").ok());
  for (std::size_t i = 1; i < made.size(); ++i) BOOST_TEST(sessions.open(made[i], "10.0.0.2").ok());
}

BOOST_AUTO_TEST_CASE(a_replayed_token_is_refused_and_audited_without_its_value) {
  BOOST_TEST_REQUIRE(sessions.open("the-token-0123456789", "10.0.0.1").ok());
  auto again = sessions.open("the-token-0123456789", "10.0.0.2");
  BOOST_TEST_REQUIRE(!again.ok());
  BOOST_TEST((again.error().why == sdk::reason::denied));
  BOOST_TEST(log.lines.back() == "web: a used access token was replayed from 10.0.0.2; refused");
  for (const auto& line : log.lines) BOOST_TEST(line.find("the-token") == std::string::npos);
}

// Past the limit wrong tokens are refused without a log line each, but the right one still opens:
// a wrong token now and then from anyone must not lock the operator out.
BOOST_AUTO_TEST_CASE(wrong_tokens_past_the_limit_go_unlogged_and_never_hold_the_right_one) {
  for (int i = 0; i < 3; ++i) BOOST_TEST(!sessions.open("wrong", "10.0.0.9").ok());
  const std::size_t lines = log.lines.size();
  for (int i = 0; i < 20; ++i) {
    auto held = sessions.open("wrong", "10.0.0.9");
    BOOST_TEST_REQUIRE(!held.ok());
    BOOST_TEST(held.error().message == "Too many wrong access tokens were tried.");
  }
  BOOST_TEST(log.lines.size() == lines);
  BOOST_TEST(sessions.open("the-token-0123456789", "10.0.0.1").ok());
}

BOOST_AUTO_TEST_CASE(a_session_ends_after_its_idle_time_and_use_restarts_it) {
  const web_session opened = sessions.open("the-token-0123456789", "10.0.0.1").value();
  now += 9min;
  BOOST_TEST(sessions.find(opened.cookie).has_value());
  now += 9min;
  BOOST_TEST(sessions.find(opened.cookie).has_value());
  now += 10min;
  BOOST_TEST(!sessions.find(opened.cookie).has_value());
  BOOST_TEST(!sessions.alive(opened.id));
  BOOST_TEST(sessions.take_ended() == std::vector<std::string>{opened.id});
  BOOST_TEST(sessions.take_ended().empty());
}

BOOST_AUTO_TEST_CASE(a_session_in_use_still_ends_at_its_absolute_lifetime) {
  const std::string cookie = sessions.open("the-token-0123456789", "10.0.0.1").value().cookie;
  for (int i = 0; i < 11; ++i) {
    now += 5min;
    BOOST_TEST(sessions.find(cookie).has_value());
  }
  BOOST_TEST(sessions.find(cookie).value().idle_left == std::chrono::milliseconds(5min));
  now += 5min;
  BOOST_TEST(!sessions.find(cookie).has_value());
}

// An invitation passes on its maker's absolute lifetime: otherwise a session (or a stolen cookie)
// invites a fresh one before its end, and that one the next, and the access never ends.
BOOST_AUTO_TEST_CASE(a_session_opened_by_invitation_ends_with_its_inviters_absolute_lifetime) {
  const web_session first = sessions.open("the-token-0123456789", "10.0.0.1").value();
  use_until_five_minutes_before_its_end(first.cookie);
  const std::string invitation = sessions.invite(first.id, "10.0.0.1").value().token;
  const web_session second = sessions.open(invitation, "10.0.0.2").value();
  BOOST_TEST(sessions.find(second.cookie).value().idle_left == std::chrono::milliseconds(5min));
  now += 5min;
  BOOST_TEST(!sessions.find(first.cookie).has_value());
  BOOST_TEST(!sessions.find(second.cookie).has_value());
}

BOOST_AUTO_TEST_CASE(an_invitation_lapses_with_its_inviters_absolute_lifetime) {
  const web_session first = sessions.open("the-token-0123456789", "10.0.0.1").value();
  use_until_five_minutes_before_its_end(first.cookie);
  const web_invitation invitation = sessions.invite(first.id, "10.0.0.1").value();
  BOOST_TEST(invitation.valid == std::chrono::seconds(5min));
  now += 5min;
  BOOST_TEST(!sessions.open(invitation.token, "10.0.0.2").ok());
}

BOOST_AUTO_TEST_CASE(logout_ends_the_session_and_reports_it_for_its_tasks) {
  const web_session opened = sessions.open("the-token-0123456789", "10.0.0.1").value();
  sessions.close(opened.id);
  BOOST_TEST(log.lines.back() == "web: session " + opened.id.substr(0, 8) + " logged out");
  BOOST_TEST(!sessions.find(opened.cookie).has_value());
  BOOST_TEST(sessions.take_ended() == std::vector<std::string>{opened.id});
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(request_guard_checks)

BOOST_AUTO_TEST_CASE(host_must_name_the_listen_address_or_an_allowed_name_with_the_port) {
  const request_guard guard("127.0.0.1", 8443, {"Console.Example"});
  BOOST_TEST(guard.check_host("127.0.0.1:8443").ok());
  BOOST_TEST(guard.check_host("console.example:8443").ok());
  BOOST_TEST(!guard.check_host("evil.example:8443").ok());  // a rebound name
  BOOST_TEST(!guard.check_host("127.0.0.1:8444").ok());
  BOOST_TEST(!guard.check_host("127.0.0.1").ok());           // no port means 443
  BOOST_TEST(!guard.check_host("").ok());
  BOOST_TEST(!guard.check_host("127.0.0.1:84x3").ok());
  BOOST_TEST(!guard.check_host("127.0.0.1:99999").ok());
}

BOOST_AUTO_TEST_CASE(ipv6_hosts_are_bracketed_and_port_443_may_be_left_out) {
  const request_guard guard("::1", 443, {});
  BOOST_TEST(guard.check_host("[::1]:443").ok());
  BOOST_TEST(guard.check_host("[::1]").ok());
  BOOST_TEST(!guard.check_host("::1").ok());
}

BOOST_AUTO_TEST_CASE(origin_when_given_must_be_https_of_the_host) {
  const request_guard guard("127.0.0.1", 8443, {});
  BOOST_TEST(guard.check_origin("", "127.0.0.1:8443").ok());
  BOOST_TEST(guard.check_origin("https://127.0.0.1:8443", "127.0.0.1:8443").ok());
  BOOST_TEST(!guard.check_origin("http://127.0.0.1:8443", "127.0.0.1:8443").ok());
  BOOST_TEST(!guard.check_origin("https://evil.example", "127.0.0.1:8443").ok());
  BOOST_TEST(!guard.check_origin("null", "127.0.0.1:8443").ok());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(tls_identity_files)

BOOST_AUTO_TEST_CASE(a_self_signed_identity_is_made_private_once_and_kept) {
  arbor::testing::temporary_directory dir;
  auto made = self_signed_identity(dir / "web");
  BOOST_TEST_REQUIRE(made.ok(), (made.ok() ? "" : made.error().message));
  BOOST_TEST(made.value().self_signed);
  BOOST_TEST(std::regex_match(made.value().sha256_fingerprint, std::regex("([0-9A-F]{2}:){31}[0-9A-F]{2}")));
  BOOST_TEST(mode_of(dir / "web") == 0700u);
  BOOST_TEST(mode_of(made.value().private_key) == 0600u);
  BOOST_TEST(mode_of(made.value().certificate) == 0600u);
  auto again = self_signed_identity(dir / "web");
  BOOST_TEST_REQUIRE(again.ok());
  BOOST_TEST(again.value().sha256_fingerprint == made.value().sha256_fingerprint);
}

BOOST_AUTO_TEST_CASE(a_key_others_may_read_is_refused) {
  arbor::testing::temporary_directory dir;
  auto made = self_signed_identity(dir / "web");
  BOOST_TEST_REQUIRE(made.ok());
  ::chmod(made.value().private_key.c_str(), 0644);
  auto refused = self_signed_identity(dir / "web");
  BOOST_TEST_REQUIRE(!refused.ok());
  BOOST_TEST(refused.error().message.find("is open to other users") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_given_certificate_must_be_a_regular_pem_file) {
  arbor::testing::temporary_directory dir;
  auto made = self_signed_identity(dir / "web");
  BOOST_TEST_REQUIRE(made.ok());
  auto given = given_identity(made.value().certificate, made.value().private_key);
  BOOST_TEST_REQUIRE(given.ok());
  BOOST_TEST(!given.value().self_signed);
  BOOST_TEST(given.value().sha256_fingerprint == made.value().sha256_fingerprint);
  BOOST_TEST(given_identity(dir.path(), made.value().private_key).error().message.find("is not a regular file") !=
             std::string::npos);
  BOOST_TEST((given_identity(dir / "missing.pem", made.value().private_key).error().why == sdk::reason::not_found));
  std::ofstream(dir / "junk.pem") << "not a certificate\n";
  BOOST_TEST(given_identity(dir / "junk.pem", made.value().private_key).error().message.find("is not a PEM certificate") !=
             std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
