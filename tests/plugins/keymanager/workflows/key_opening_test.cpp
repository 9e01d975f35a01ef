#define BOOST_TEST_MODULE km_workflows_key_opening_test
// Opening the keys for a task with the keyslots of who logged in: every refusal audited, the
// key-opening tasks' shared number, keyslots given to administrators who had none, and a login
// made stale by another task told apart from tampering.
#include <boost/test/unit_test.hpp>

#include "site_fixture.hpp"
#include "store/keyslots.hpp"
#include "workflows/administrators.hpp"
#include "workflows/key_opening.hpp"
#include "workflows/password_policy.hpp"
#include "workflows/server_overview.hpp"

using namespace arbor::km;

namespace {

struct keys_fixture : testing::site_fixture {
  keys_fixture() {
    workflows::change_administrators(kms, site, as(workflows::manage_administrators_task), admin_login(), secret(),
                                     workflows::administrator_change::add("bob", workflows::new_password(secret("bob-secret"))));
  }
  std::vector<workflows::credential> both() { return {{"admin", secret("password")}, {"bob", secret("bob-secret")}}; }
  workflows::authorization both_for(std::string_view task) { return workflows::sign_in(kms, site, {std::string(task), both()}); }
  static std::vector<workflows::credential> bob_alone() { return {{"bob", secret("bob-secret")}}; }
};

bool refused_with(const error& e, errc code, std::string_view words) {
  BOOST_TEST_MESSAGE(e.what());
  return e.code() == code && std::string_view(e.what()).find(words) != std::string_view::npos;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(key_opening, keys_fixture)

BOOST_AUTO_TEST_CASE(the_key_opening_tasks_share_one_number_and_the_vault_follows_it) {
  workflows::change_password_policy(kms, site, as(workflows::manage_policy_task), admin_login(), secret(), {"recover-keys", 2});
  for (const auto task : auth::key_opening_tasks) BOOST_TEST(workflows::administrators_needed(kms, site, task) == 2);
  BOOST_TEST(workflows::key_threshold(kms, site) == 2);
  BOOST_TEST(kms.vault().threshold() == 2);
  BOOST_TEST(workflows::administrators_needed(kms, site, "enroll-users") == 1);
}

BOOST_AUTO_TEST_CASE(a_refusal_to_open_the_keys_is_audited_with_the_task) {
  store::keyslot_repository(kms.db()).remove("admin");
  const auto who = as("recover-keys");
  BOOST_CHECK_EXCEPTION(workflows::open_keys(kms, site, who, admin_login(), secret()), error,
                        [](const error& e) { return e.code() == errc::auth_failed; });
  const auto entry = last_audit();
  BOOST_TEST(entry.event == "keys-opened");
  BOOST_TEST((entry.outcome == store::audit_outcome::failure));
  BOOST_TEST(entry.detail.find("task=recover-keys") == 0u);
}

// The state after an upgrade from master.key: bob was an administrator then, and was not the one
// who logged in. The details pane names him; logging in with one who has a keyslot gives him one.
BOOST_AUTO_TEST_CASE(an_administrator_without_a_keyslot_gets_one_when_keys_are_opened_with_him) {
  store::keyslot_repository(kms.db()).remove("bob");
  auto codes = testing::cheap_codes();
  BOOST_TEST(workflows::read_server_overview(site, 0, 10, codes).without_keyslot == std::vector<std::string>{"bob"});
  const auto who = both_for("recover-keys");
  workflows::open_keys(kms, site, who, both(), secret());
  BOOST_TEST(workflows::read_server_overview(site, 0, 10, codes).without_keyslot.empty());
  BOOST_TEST(last_audit().event == "keyslot-created");
  const std::vector<workflows::credential> bob_alone{{"bob", secret("bob-secret")}};
  BOOST_CHECK_NO_THROW(workflows::open_keys(kms, site, workflows::sign_in(kms, site, {"recover-keys", bob_alone}), bob_alone, secret()));
}

BOOST_AUTO_TEST_CASE(credentials_of_others_than_who_logged_in_are_a_callers_bug) {
  const auto who = as("recover-keys");
  const std::vector<workflows::credential> bob_alone{{"bob", secret("bob-secret")}};
  BOOST_CHECK_EXCEPTION(workflows::open_keys(kms, site, who, bob_alone, secret()), error,
                        [](const error& e) { return e.code() == errc::internal; });
}

// The web console runs tasks at once, each on a connection of its own: bob logged in to this task,
// then another task changed his password (re-sealing his keyslot) before this one opened the keys.
BOOST_AUTO_TEST_CASE(a_password_changed_by_another_task_since_the_login_asks_to_log_in_again) {
  const auto who = workflows::sign_in(kms, site, {"recover-keys", bob_alone()});
  auto other_task = workflows::open(site);
  workflows::change_administrators(
      other_task, site, workflows::sign_in(other_task, site, {std::string(workflows::change_password_task), bob_alone()}),
      bob_alone(), secret(), workflows::administrator_change::change_password("bob", workflows::new_password(secret("bob-new-secret"))));
  BOOST_CHECK_EXCEPTION(workflows::open_keys(kms, site, who, bob_alone(), secret()), error, [](const error& e) {
    return refused_with(e, errc::auth_failed, "bob's password was changed since you logged in: log in again");
  });
  BOOST_TEST(last_audit().event == "keys-opened");
}

BOOST_AUTO_TEST_CASE(an_administrator_removed_by_another_task_since_the_login_is_asked_to_log_in_again) {
  const auto who = workflows::sign_in(kms, site, {"recover-keys", bob_alone()});
  auto other_task = workflows::open(site);
  workflows::change_administrators(other_task, site, workflows::sign_in(other_task, site, {std::string(workflows::manage_administrators_task), admin_login()}),
                                   admin_login(), secret(), workflows::administrator_change::remove("bob"));
  BOOST_CHECK_EXCEPTION(workflows::open_keys(kms, site, who, bob_alone(), secret()), error, [](const error& e) {
    return refused_with(e, errc::auth_failed, "bob was removed from the administrators since you logged in: log in again");
  });
}

// The password bob logged in with is still his: a keyslot it does not open was edited.
BOOST_AUTO_TEST_CASE(a_keyslot_that_a_current_password_does_not_open_is_still_the_tamper_alarm) {
  auto admins_slot = *store::keyslot_repository(kms.db()).find("admin");
  admins_slot.administrator = "bob";
  store::keyslot_repository(kms.db()).put(admins_slot);
  const auto who = workflows::sign_in(kms, site, {"recover-keys", bob_alone()});
  BOOST_CHECK_EXCEPTION(workflows::open_keys(kms, site, who, bob_alone(), secret()), error,
                        [](const error& e) { return refused_with(e, errc::crypto, "restore kms.db"); });
}

BOOST_AUTO_TEST_SUITE_END()
