#define BOOST_TEST_MODULE km_workflows_settings_test
// The Certificate Services and Enrollment settings: checked once, when their request is built;
// stored, read back, and changed by the properties tabs with an audit entry.
#include <boost/test/unit_test.hpp>

#include <string>

#include "workflows/ca_settings.hpp"
#include "workflows/enrollment_settings.hpp"
#include "workflows/unusable_settings.hpp"
#include "site_fixture.hpp"
#include "workflow_fixture.hpp"

using namespace arbor::km;

namespace {

auto has_code(errc code) {
  return [code](const error& e) { return e.code() == code; };
}

ca::connection_settings at(std::string url, long connect_ms = 2000, long total_ms = 10000, std::size_t in_flight = 8) {
  return {std::move(url), connect_ms, total_ms, in_flight};
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(settings, testing::escrow_fixture)

BOOST_AUTO_TEST_CASE(ca_settings_default_to_no_address_and_the_clients_timeouts) {
  const auto stored = workflows::read_ca_settings(kms.db());
  BOOST_TEST(stored.base_url.empty());
  BOOST_TEST(stored.connect_timeout_ms == ca::connection_settings{}.connect_timeout_ms);
  BOOST_CHECK_EXCEPTION(workflows::open_certificate_services(kms.db()), error, has_code(errc::bad_input));
}

BOOST_AUTO_TEST_CASE(an_unset_ca_address_says_which_settings_without_console_wording) {
  BOOST_CHECK_EXCEPTION(workflows::open_certificate_services(kms.db()), workflows::unusable_settings,
                        [](const workflows::unusable_settings& e) {
                          return e.which() == workflows::unusable_settings::group::certificate_services &&
                                 std::string(e.what()).find("Properties") == std::string::npos;
                        });
}

BOOST_AUTO_TEST_CASE(ca_settings_are_stored_and_read_back) {
  workflows::write_ca_settings(kms.db(), at("http://127.0.0.1:8888/", 500, 3000, 4));
  const auto stored = workflows::read_ca_settings(kms.db());
  BOOST_TEST(stored.base_url == "http://127.0.0.1:8888");
  BOOST_TEST(stored.connect_timeout_ms == 500);
  BOOST_TEST(stored.total_timeout_ms == 3000);
  BOOST_TEST(stored.max_in_flight == 4u);
}

BOOST_AUTO_TEST_CASE(an_address_that_is_not_an_http_url_is_refused) {
  for (const char* url : {"ca.example.org:8888", "ftp://ca.example.org", "http://", "http://ca:99999",
                          "http://ca.example.org/api", "http://user@ca.example.org"})
    BOOST_CHECK_EXCEPTION(workflows::checked_ca_settings(at(url)), error, has_code(errc::bad_input));
  BOOST_CHECK_NO_THROW(workflows::checked_ca_settings(at("https://ca.example.org")));
}

BOOST_AUTO_TEST_CASE(a_total_timeout_below_the_connect_timeout_is_refused) {
  BOOST_CHECK_EXCEPTION(workflows::write_ca_settings(kms.db(), at("http://ca:1", 5000, 1000)), error,
                        has_code(errc::bad_input));
  BOOST_TEST(workflows::read_ca_settings(kms.db()).base_url.empty());
}

BOOST_AUTO_TEST_CASE(enrollment_settings_round_trip_and_refuse_unknown_key_types) {
  workflows::write_enrollment_settings(kms.db(), workflows::enrollment_settings{3600, "ec-p256", "Hello"});
  const auto stored = workflows::read_enrollment_settings(kms.db());
  BOOST_TEST(stored.token_lifetime_s == 3600);
  BOOST_TEST(stored.key_type == "ec-p256");
  BOOST_TEST(stored.user_message == "Hello");
  BOOST_CHECK_EXCEPTION(workflows::write_enrollment_settings(kms.db(), workflows::enrollment_settings{3600, "dsa1024", ""}), error,
                        has_code(errc::bad_input));
  BOOST_CHECK_EXCEPTION(workflows::write_enrollment_settings(kms.db(), workflows::enrollment_settings{10, "rsa2048", ""}), error,
                        has_code(errc::bad_input));
}

BOOST_AUTO_TEST_CASE(enrollment_settings_refuse_control_characters_and_long_messages) {
  BOOST_CHECK_EXCEPTION(workflows::checked_enrollment_settings({3600, "rsa2048", "bell\a"}), error,
                        has_code(errc::bad_input));
  BOOST_CHECK_EXCEPTION(workflows::checked_enrollment_settings({3600, "rsa2048", std::string(1001, 'x')}), error,
                        has_code(errc::bad_input));
  BOOST_CHECK_EXCEPTION(workflows::checked_enrollment_settings({91LL * 24 * 3600, "rsa2048", ""}), error,
                        has_code(errc::bad_input));
  BOOST_CHECK_NO_THROW(workflows::checked_enrollment_settings({3600, "rsa2048", "line one\nline two"}));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(settings_changes, testing::site_fixture)

BOOST_AUTO_TEST_CASE(a_ca_settings_change_is_stored_and_audited_with_the_address) {
  workflows::change_ca_settings(kms, as("certificate-services"), at("http://127.0.0.1:8888/"));
  BOOST_TEST(workflows::read_ca_settings(kms.db()).base_url == "http://127.0.0.1:8888");
  const auto entry = last_audit();
  BOOST_TEST(entry.event == "ca-settings-changed");
  BOOST_TEST(entry.actor == "admin");
  BOOST_TEST((entry.outcome == store::audit_outcome::success));
  BOOST_TEST(entry.detail == "http://127.0.0.1:8888");
}

BOOST_AUTO_TEST_CASE(an_enrollment_settings_change_is_stored_and_audited) {
  workflows::change_enrollment_settings(kms, as("enrollment"), workflows::enrollment_settings{3600, "ec-p384", "Hi"});
  BOOST_TEST(workflows::read_enrollment_settings(kms.db()).key_type == "ec-p384");
  const auto entry = last_audit();
  BOOST_TEST(entry.event == "enrollment-settings-changed");
  BOOST_TEST((entry.outcome == store::audit_outcome::success));
}

BOOST_AUTO_TEST_SUITE_END()
