#define BOOST_TEST_MODULE km_workflows_recovery_code_test
// The recovery code: made once on request, shown once, and counted as one administrator.
#include <boost/test/unit_test.hpp>

#include <regex>

#include "site_fixture.hpp"
#include "store/audit_log.hpp"
#include "workflows/key_opening.hpp"
#include "workflows/password_policy.hpp"
#include "workflows/administrators.hpp"
#include "workflows/recovery_code.hpp"

using namespace arbor::km;

BOOST_FIXTURE_TEST_SUITE(recovery_code, testing::site_fixture)

BOOST_AUTO_TEST_CASE(there_is_none_until_an_administrator_makes_one) {
  BOOST_TEST(workflows::list_administrators(kms, site).names == std::vector<std::string>{"admin"});
}

BOOST_AUTO_TEST_CASE(it_is_48_digits_in_eight_groups_and_opens_the_keys_as_one_administrator) {
  const auto code = workflows::create_recovery_code(kms, site, as(workflows::manage_administrators_task), admin_login(), secret());
  BOOST_TEST(std::regex_match(std::string(code.view()), std::regex("([0-9]{6}-){7}[0-9]{6}")));
  const std::vector<workflows::credential> with_code{{"recovery", code}};
  const auto who = workflows::sign_in(kms, site, {"recover-keys", with_code});
  BOOST_CHECK_NO_THROW(workflows::open_keys(kms, site, who, with_code, secret()));
  for (const auto& entry : store::audit_log(kms.db()).recent(20)) BOOST_TEST(entry.detail.find(code.view()) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(with_a_policy_of_two_it_is_one_share_of_two) {
  const auto code = workflows::create_recovery_code(kms, site, as(workflows::manage_administrators_task), admin_login(), secret());
  workflows::change_password_policy(kms, site, as(workflows::manage_policy_task), admin_login(), secret(), {"recover-keys", 2});
  const std::vector<workflows::credential> code_alone{{"recovery", code}};
  BOOST_CHECK_THROW(workflows::sign_in(kms, site, {"recover-keys", code_alone}), error);  // the login needs two
  const std::vector<workflows::credential> both{{"admin", secret("password")}, {"recovery", code}};
  BOOST_CHECK_NO_THROW(workflows::open_keys(kms, site, workflows::sign_in(kms, site, {"recover-keys", both}), both, secret()));
}

BOOST_AUTO_TEST_CASE(a_second_code_is_refused_until_the_first_is_removed) {
  workflows::create_recovery_code(kms, site, as(workflows::manage_administrators_task), admin_login(), secret());
  BOOST_CHECK_EXCEPTION(workflows::create_recovery_code(kms, site, as(workflows::manage_administrators_task), admin_login(), secret()),
                        error, [](const error& e) { return e.code() == errc::conflict; });
  workflows::change_administrators(kms, site, as(workflows::manage_administrators_task), admin_login(), secret(),
                                   workflows::administrator_change::remove("recovery"));
  BOOST_CHECK_NO_THROW(workflows::create_recovery_code(kms, site, as(workflows::manage_administrators_task), admin_login(), secret()));
}

BOOST_AUTO_TEST_SUITE_END()
