#define BOOST_TEST_MODULE km_workflows_sign_in_test
// The Key Management Service Login as the wizards reach it: what the page must ask, who logs
// in, and the audit of every attempt.
#include <boost/test/unit_test.hpp>

#include "site_fixture.hpp"
#include "workflows/administrators.hpp"
#include "workflows/password_policy.hpp"

using namespace arbor::km;

namespace {

auto has_code(errc code) {
  return [code](const error& e) { return e.code() == code; };
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_login_without_a_task_cannot_be_asked_for) {
  BOOST_CHECK_EXCEPTION(workflows::sign_in_request("", {{"admin", secret("password")}}), error,
                        has_code(errc::internal));
  BOOST_CHECK_NO_THROW(workflows::sign_in_request("general", {}));
}

BOOST_FIXTURE_TEST_SUITE(sign_in, testing::site_fixture)

BOOST_AUTO_TEST_CASE(a_new_key_manager_asks_one_administrator_and_warns_of_the_initial_password) {
  const auto demand = workflows::login_needed(kms, site, "export-users");
  BOOST_TEST(demand.administrators == 1);
  BOOST_TEST(demand.default_password_in_use);
}

BOOST_AUTO_TEST_CASE(the_right_password_signs_in_and_is_audited_as_a_login) {
  const auto who = as("export-users");
  BOOST_TEST(who.actor() == "admin");
  BOOST_TEST(who.task() == "export-users");
  const auto entry = last_audit();
  BOOST_TEST(entry.event == "login");
  BOOST_TEST((entry.outcome == store::audit_outcome::success));
  BOOST_TEST(entry.detail.find("task=export-users") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_wrong_password_is_refused_and_audited_without_the_password) {
  BOOST_CHECK_EXCEPTION(as("export-users", "admin", "guess-word"), error, has_code(errc::auth_failed));
  const auto entry = last_audit();
  BOOST_TEST(entry.event == "login");
  BOOST_TEST((entry.outcome == store::audit_outcome::failure));
  BOOST_TEST(entry.detail.find("guess-word") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_task_the_policy_gives_two_administrators_refuses_one) {
  workflows::change_administrators(kms, site, as(workflows::manage_administrators_task), admin_login(), secret(),
                                   workflows::administrator_change::add("second", workflows::new_password(secret("Second-Passw0rd!"))));
  workflows::change_password_policy(kms, site, as(workflows::manage_policy_task), admin_login(), secret(), {"export-users", 2});
  BOOST_TEST(workflows::login_needed(kms, site, "export-users").administrators == 2);
  BOOST_CHECK_EXCEPTION(as("export-users"), error, has_code(errc::auth_failed));
  const auto both = workflows::sign_in(
      kms, site, {"export-users", {{"admin", secret("password")}, {"second", secret("Second-Passw0rd!")}}});
  BOOST_TEST(both.actor() == "admin, second");
}

BOOST_AUTO_TEST_SUITE_END()
