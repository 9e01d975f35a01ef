#define BOOST_TEST_MODULE km_workflows_password_policy_test
// The Passwords tab's change: a request that refuses fewer than one administrator, and the audit
// of the change, succeeded or failed.
#include <boost/test/unit_test.hpp>

#include "site_fixture.hpp"
#include "workflows/password_policy.hpp"

using namespace arbor::km;

namespace {

auto has_code(errc code) {
  return [code](const error& e) { return e.code() == code; };
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_policy_change_needs_a_task_and_one_administrator_or_more) {
  BOOST_CHECK_EXCEPTION(workflows::policy_change("export-users", 0), error, has_code(errc::bad_input));
  BOOST_CHECK_EXCEPTION(workflows::policy_change("export-users", -2), error, has_code(errc::bad_input));
  BOOST_CHECK_EXCEPTION(workflows::policy_change("", 1), error, has_code(errc::bad_input));
  BOOST_CHECK_NO_THROW(workflows::policy_change("export-users", 1));
}

BOOST_FIXTURE_TEST_SUITE(password_policy, testing::site_fixture)

BOOST_AUTO_TEST_CASE(a_policy_above_the_number_of_administrators_is_refused_and_audited_as_failed) {
  BOOST_CHECK_EXCEPTION(
      workflows::change_password_policy(kms, site, as(workflows::manage_policy_task), admin_login(), secret(), {"export-users", 2}), error,
      has_code(errc::bad_input));
  BOOST_TEST(workflows::administrators_needed(kms, site, "export-users") == 1);
  const auto entry = last_audit();
  BOOST_TEST(entry.event == "policy-changed");
  BOOST_TEST((entry.outcome == store::audit_outcome::failure));
  BOOST_TEST(entry.detail.find("task=export-users; required=2: ") == 0u);
}

BOOST_AUTO_TEST_CASE(a_policy_change_is_stored_and_audited) {
  workflows::change_password_policy(kms, site, as(workflows::manage_policy_task), admin_login(), secret(), {"export-users", 1});
  const auto entry = last_audit();
  BOOST_TEST(entry.event == "policy-changed");
  BOOST_TEST((entry.outcome == store::audit_outcome::success));
  BOOST_TEST(entry.detail == "task=export-users, import-users, recover-keys, restore-database; required=1");
}

BOOST_AUTO_TEST_CASE(a_policy_change_needs_the_login_for_managing_the_policy) {
  BOOST_CHECK_EXCEPTION(workflows::change_password_policy(kms, site, as("general"), admin_login(), secret(), {"export-users", 1}), error,
                        has_code(errc::internal));
}

BOOST_AUTO_TEST_SUITE_END()
