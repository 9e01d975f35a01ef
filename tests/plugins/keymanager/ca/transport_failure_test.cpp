#define BOOST_TEST_MODULE ca_transport_failure_test
#include <boost/test/unit_test.hpp>

#include <string>

#include "ca/transport_failure.hpp"

namespace ca = arbor::km::ca;
using arbor::km::errc;

namespace {

const ca::connection_settings settings{"http://127.0.0.1:8888", 2000, 10000, 8};

arbor::km::error failure(ca::transport_status status) {
  return ca::transport_failure({status, "libcurl says why", 0, {}}, settings);
}

bool mentions(const arbor::km::error& e, const std::string& text) {
  return std::string(e.what()).find(text) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(unreachable_is_ca_unreachable_naming_the_address) {
  const auto e = failure(ca::transport_status::unreachable);
  BOOST_TEST(static_cast<int>(e.code()) == static_cast<int>(errc::ca_unreachable));
  BOOST_TEST(mentions(e, "Certificate Services at http://127.0.0.1:8888 could not be reached"));
  BOOST_TEST(e.technical() == "libcurl says why");
}

BOOST_AUTO_TEST_CASE(connect_timeout_is_ca_timeout_naming_the_connect_timeout) {
  const auto e = failure(ca::transport_status::connect_timed_out);
  BOOST_TEST(static_cast<int>(e.code()) == static_cast<int>(errc::ca_timeout));
  BOOST_TEST(mentions(e, "connect timeout of 2000 ms"));
}

BOOST_AUTO_TEST_CASE(answer_timeout_is_ca_timeout_naming_the_total_timeout) {
  const auto e = failure(ca::transport_status::timed_out);
  BOOST_TEST(static_cast<int>(e.code()) == static_cast<int>(errc::ca_timeout));
  BOOST_TEST(mentions(e, "did not answer within the timeout of 10000 ms"));
}

BOOST_AUTO_TEST_CASE(oversized_and_other_failures_are_ca_error) {
  BOOST_TEST(static_cast<int>(failure(ca::transport_status::too_large).code()) == static_cast<int>(errc::ca_error));
  const auto e = failure(ca::transport_status::failed);
  BOOST_TEST(static_cast<int>(e.code()) == static_cast<int>(errc::ca_error));
  BOOST_TEST(mentions(e, "libcurl says why"));
}
