#define BOOST_TEST_MODULE km_workflows_password_policy_test
// The Passwords tab's change: a request that refuses fewer than one administrator, and the audit
// of the change, succeeded or failed.
#include <boost/test/unit_test.hpp>

#include "auth/login.hpp"
#include "site_fixture.hpp"
#include "store/sqlite.hpp"
#include "workflows/administrators.hpp"
#include "workflows/key_opening.hpp"
#include "workflows/password_policy.hpp"

#include <chrono>
#include <future>
#include <optional>

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

// Two Passwords tabs at once. B has set the key tasks to two administrators and split the keys
// anew, not yet committed, when A reads the number (still one) and so decides that its own change
// to one needs no new split; A then waits for B's write lock. Stored after B's commit, A's change
// would leave a policy of one over shares that need two: it is refused instead.
BOOST_AUTO_TEST_CASE(a_change_decided_on_a_number_another_task_changed_meanwhile_is_refused) {
  workflows::change_administrators(kms, site, as(workflows::manage_administrators_task), admin_login(), secret(),
                                   workflows::administrator_change::add("bob", workflows::new_password(secret("bob-secret"))));
  const auto a_who = as(workflows::manage_policy_task);
  auto other = workflows::open(site);
  const auto b_login = [] { return std::vector<workflows::credential>{{"admin", secret("password")}, {"bob", secret("bob-secret")}}; };
  const auto b_who = workflows::sign_in(other, site, {std::string(workflows::manage_policy_task), b_login()});
  auto b_keys = workflows::open_keys(other, site, b_who, b_login(), secret());
  std::optional<store::sqlite::transaction> b_change(std::in_place, other.db());
  const auth::password_hasher hasher(site.argon2);
  auth::login(other.db(), hasher, other.clock()).set_policy(b_who, "export-users", 2);
  other.vault().share_out(b_keys, 2);

  auto a_change = std::async(std::launch::async, [&] {
    workflows::change_password_policy(kms, site, a_who, admin_login(), secret(), {"export-users", 1});
  });
  BOOST_TEST_REQUIRE((a_change.wait_for(std::chrono::milliseconds(300)) == std::future_status::timeout));
  b_change->commit();
  BOOST_CHECK_EXCEPTION(a_change.get(), error, has_code(errc::conflict));
  BOOST_TEST(workflows::administrators_needed(kms, site, "export-users") == 2);
}

BOOST_AUTO_TEST_SUITE_END()
