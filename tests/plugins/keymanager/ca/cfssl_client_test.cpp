#define BOOST_TEST_MODULE ca_cfssl_client_test
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "ca/cfssl_client.hpp"
#include "canned_cfssl_answers.hpp"
#include "local_http_server.hpp"

namespace ca = arbor::km::ca;
using arbor::km::errc;
using ca::testing::http_answer;
using ca::testing::local_http_server;

namespace {

ca::connection_settings settings_for(const std::string& url, std::size_t max_in_flight = 8) {
  return {url, 2000, 400, max_in_flight};
}

ca::revocation revocation_of(int serial) {
  return {std::to_string(serial), "8fc7992aac4cb4156897a98e6ff9b4937d9546d4", ca::revocation_reason::affiliation_changed};
}

int code_of(const ca::revoke_result& r) { return r.failure ? static_cast<int>(r.failure->code()) : 0; }
int code(errc c) { return static_cast<int>(c); }

std::string message_of(const ca::revoke_result& r) { return r.failure ? r.failure->what() : ""; }

}  // namespace

BOOST_AUTO_TEST_CASE(revoke_at_a_server_that_never_answers_times_out_within_the_timeout) {
  local_http_server silent("", 1);
  ca::cfssl_client client(settings_for(silent.url()));
  const auto started = std::chrono::steady_clock::now();
  const ca::revoke_result result = client.revoke(revocation_of(1));
  const auto elapsed = std::chrono::steady_clock::now() - started;
  BOOST_TEST(code_of(result) == code(errc::ca_timeout));
  BOOST_TEST(message_of(result).find("did not answer within the timeout of 400 ms") != std::string::npos);
  // libcurl keeps time in whole milliseconds and may fire a fraction of one early.
  BOOST_TEST(elapsed >= std::chrono::milliseconds(400 - 2));
  BOOST_TEST(elapsed < std::chrono::milliseconds(400 + 2000));
}

BOOST_AUTO_TEST_CASE(enroll_at_a_server_that_never_answers_throws_ca_timeout) {
  local_http_server silent("", 1);
  ca::cfssl_client client(settings_for(silent.url()));
  BOOST_CHECK_EXCEPTION(client.enroll("csr", {}), arbor::km::error,
                        [](const arbor::km::error& e) { return e.code() == errc::ca_timeout; });
}

BOOST_AUTO_TEST_CASE(revoke_at_a_server_answering_garbage_is_ca_error) {
  local_http_server garbage(http_answer(200, "<html>hello</html>"), 1);
  ca::cfssl_client client(settings_for(garbage.url()));
  const ca::revoke_result result = client.revoke(revocation_of(1));
  BOOST_TEST(code_of(result) == code(errc::ca_error));
  BOOST_TEST(message_of(result).starts_with(
      "Certificate Services answered with something that is not a cfssl response"));
}

BOOST_AUTO_TEST_CASE(revoke_at_a_closed_port_is_ca_unreachable_naming_the_address) {
  const std::string url = "http://127.0.0.1:" + std::to_string(ca::testing::closed_port());
  ca::cfssl_client client(settings_for(url));
  const ca::revoke_result result = client.revoke(revocation_of(1));
  BOOST_TEST(code_of(result) == code(errc::ca_unreachable));
  BOOST_TEST(message_of(result).find(url) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(enroll_at_a_closed_port_throws_ca_unreachable) {
  ca::cfssl_client client(settings_for("http://127.0.0.1:" + std::to_string(ca::testing::closed_port())));
  BOOST_CHECK_EXCEPTION(client.enroll("csr", {}), arbor::km::error,
                        [](const arbor::km::error& e) { return e.code() == errc::ca_unreachable; });
}

BOOST_AUTO_TEST_CASE(revoke_reports_the_cas_refusal_with_its_reason) {
  local_http_server refusing(http_answer(400, std::string(ca::testing::revoke_not_found)), 1);
  ca::cfssl_client client(settings_for(refusing.url()));
  const ca::revoke_result result = client.revoke(revocation_of(42));
  BOOST_TEST(!result.confirmed());
  BOOST_TEST(code_of(result) == code(errc::ca_error));
  BOOST_TEST(message_of(result).find("certificate not found (cfssl error 11200)") != std::string::npos);
}

// The server answers only once max_in_flight requests wait, so the batch completes only if the
// client keeps that many in flight. HTTP/1.1 needs a connection per request in flight, so the
// number of connections shows it never kept more, and that it reused them.
BOOST_AUTO_TEST_CASE(revoke_all_keeps_exactly_max_in_flight_requests_open_over_kept_alive_connections) {
  constexpr std::size_t max_in_flight = 4;
  local_http_server batching(http_answer(200, std::string(ca::testing::revoke_confirmed)), max_in_flight);
  ca::cfssl_client client(settings_for(batching.url(), max_in_flight));
  std::vector<ca::revocation> requests;
  for (int serial = 1; serial <= 20; ++serial) requests.push_back(revocation_of(serial));

  const std::vector<ca::revoke_result> results = client.revoke_all(requests);

  BOOST_TEST_REQUIRE(results.size() == requests.size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    BOOST_TEST(results[i].confirmed(), "request " << i << ": " << message_of(results[i]));
    BOOST_TEST(results[i].request.serial_decimal == requests[i].serial_decimal);
  }
  BOOST_TEST(batching.max_waiting() == max_in_flight);
  BOOST_TEST(batching.connections_accepted() <= max_in_flight);
}

BOOST_AUTO_TEST_CASE(revoke_all_refuses_a_malformed_serial_and_still_sends_the_rest) {
  local_http_server confirming(http_answer(200, std::string(ca::testing::revoke_confirmed)), 1);
  ca::cfssl_client client(settings_for(confirming.url()));
  ca::revocation malformed = revocation_of(7);
  malformed.serial_decimal = "0x07";
  const auto results = client.revoke_all({revocation_of(1), malformed, revocation_of(2)});
  BOOST_TEST(results[0].confirmed());
  BOOST_TEST(code_of(results[1]) == code(errc::bad_input));
  BOOST_TEST(results[2].confirmed());
}

BOOST_AUTO_TEST_CASE(enroll_returns_the_certificate_the_ca_signed) {
  const std::string answer = boost::json::serialize(boost::json::object{
      {"success", true}, {"result", {{"certificate", ca::testing::issued_pem}}}, {"errors", boost::json::array{}}});
  local_http_server signing(http_answer(200, answer), 1);
  ca::cfssl_client client(settings_for(signing.url()));
  const arbor::km::crypto::certificate cert = client.enroll("csr", {"Alice Example", "alice@example.org"});
  BOOST_TEST(cert.serial_decimal() == ca::testing::issued_serial_decimal);
  BOOST_TEST(cert.pem() == ca::testing::issued_pem);
}

BOOST_AUTO_TEST_CASE(settings_that_cannot_work_are_refused) {
  for (const ca::connection_settings& bad :
       {ca::connection_settings{"127.0.0.1:8888"}, ca::connection_settings{"ftp://ca"},
        ca::connection_settings{"http://ca", 0, 1000, 8}, ca::connection_settings{"http://ca", 1000, 1000, 0}}) {
    BOOST_CHECK_EXCEPTION(ca::cfssl_client{bad}, arbor::km::error,
                          [](const arbor::km::error& e) { return e.code() == errc::bad_input; });
  }
}
