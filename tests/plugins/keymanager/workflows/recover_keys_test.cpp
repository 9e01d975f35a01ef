#define BOOST_TEST_MODULE workflows_recover_keys_test
#include <boost/test/unit_test.hpp>

#include "unix_time.hpp"

#include <string>
#include <vector>

#include "escrow_fixture.hpp"
#include "workflows/enrollment_settings.hpp"
#include "workflows/recover_keys.hpp"

using namespace arbor::km;
using testing::has_code;

BOOST_FIXTURE_TEST_SUITE(recover_keys, testing::escrow_task_fixture)

BOOST_AUTO_TEST_CASE(a_user_who_never_enrolled_has_nothing_to_recover) {
  invite("bob");
  BOOST_CHECK_EXCEPTION(workflows::recover_keys(kms, keys, {"bob", "admin"}), error, has_code(errc::bad_input));
  BOOST_TEST(!audited("recovery-token-issued").has_value());
}

BOOST_AUTO_TEST_CASE(an_unknown_user_is_refused) {
  BOOST_CHECK_EXCEPTION(workflows::recover_keys(kms, keys, {"nobody", "admin"}), error, has_code(errc::not_found));
}

BOOST_AUTO_TEST_CASE(a_recovery_token_is_issued_for_the_tokens_lifetime_and_audited) {
  enrolled("alice");
  const auto token = workflows::recover_keys(kms, keys, {"alice", "admin"});
  BOOST_TEST(token.alias == "alice");
  BOOST_TEST(token.token.size() == 32u);
  BOOST_TEST(token.expires_at == clock.now() + std::chrono::seconds(workflows::enrollment_settings{}.token_lifetime_s));
  const auto entry = audited("recovery-token-issued");
  BOOST_TEST_REQUIRE(entry.has_value());
  BOOST_TEST(entry->actor == "admin");
  BOOST_TEST(entry->detail == "alice");
}

BOOST_AUTO_TEST_CASE(only_users_with_keys_can_be_chosen) {
  enrolled("alice");
  invite("bob");
  enrolled("carol");
  BOOST_TEST(workflows::users_with_keys(kms) == (std::vector<std::string>{"alice", "carol"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
