#define BOOST_TEST_MODULE km_workflows_administrators_test
// The Administrators tab's changes: requests that refuse weak passwords, and the audit of each
// change, succeeded or failed, under the events operators know.
#include <boost/test/unit_test.hpp>

#include "site_fixture.hpp"
#include "workflows/administrators.hpp"

using namespace arbor::km;

namespace {

auto has_code(errc code) {
  return [code](const error& e) { return e.code() == code; };
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_weak_new_password_cannot_be_built) {
  BOOST_CHECK_EXCEPTION(workflows::new_password(secret("short")), error, has_code(errc::bad_input));
  BOOST_CHECK_EXCEPTION(workflows::new_password(secret("password")), error, has_code(errc::bad_input));
  BOOST_CHECK_NO_THROW(workflows::new_password(secret("long-enough")));
}

BOOST_FIXTURE_TEST_SUITE(administrators, testing::site_fixture)

BOOST_AUTO_TEST_CASE(adding_an_administrator_lists_and_audits_them) {
  workflows::change_administrators(kms, site, as(workflows::manage_administrators_task), admin_login(), secret(),
                                   workflows::administrator_change::add("bob", workflows::new_password(secret("bob-secret"))));
  BOOST_TEST(workflows::list_administrators(kms, site).names == (std::vector<std::string>{"admin", "bob"}));
  const auto entry = last_audit();
  BOOST_TEST(entry.event == "administrator-added");
  BOOST_TEST((entry.outcome == store::audit_outcome::success));
  BOOST_TEST(entry.detail == "name=bob");
}

BOOST_AUTO_TEST_CASE(removing_the_last_administrator_is_refused_and_audited_as_failed) {
  BOOST_CHECK_EXCEPTION(workflows::change_administrators(kms, site, as(workflows::manage_administrators_task), admin_login(), secret(),
                                                         workflows::administrator_change::remove("admin")),
                        error, has_code(errc::bad_input));
  BOOST_TEST(workflows::list_administrators(kms, site).names == (std::vector<std::string>{"admin"}));
  const auto entry = last_audit();
  BOOST_TEST(entry.event == "administrator-removed");
  BOOST_TEST((entry.outcome == store::audit_outcome::failure));
  BOOST_TEST(entry.actor == "admin");
  BOOST_TEST(entry.detail.find("name=admin: ") == 0u);
}

BOOST_AUTO_TEST_CASE(changing_the_initial_password_clears_the_warning_and_is_audited) {
  BOOST_TEST(workflows::list_administrators(kms, site).default_password_in_use);
  workflows::change_administrators(
      kms, site, as(workflows::change_password_task), admin_login(), secret(),
      workflows::administrator_change::change_password("admin", workflows::new_password(secret("s3cret-enough"))));
  BOOST_TEST(!workflows::list_administrators(kms, site).default_password_in_use);
  BOOST_TEST(last_audit().event == "password-changed");
}

BOOST_AUTO_TEST_CASE(only_the_administrator_may_change_their_own_password) {
  workflows::change_administrators(kms, site, as(workflows::manage_administrators_task), admin_login(), secret(),
                                   workflows::administrator_change::add("bob", workflows::new_password(secret("bob-secret"))));
  BOOST_CHECK_EXCEPTION(workflows::check_may_change_password(as(workflows::change_password_task), "bob"), error,
                        has_code(errc::bad_input));
  BOOST_CHECK_NO_THROW(workflows::check_may_change_password(as(workflows::change_password_task), "admin"));
}

BOOST_AUTO_TEST_SUITE_END()
