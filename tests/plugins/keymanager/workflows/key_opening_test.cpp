#define BOOST_TEST_MODULE km_workflows_key_opening_test
// Opening the keys for a task with the keyslots of who logged in: every refusal audited, the
// key-opening tasks' shared number, and keyslots given to administrators who had none.
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
};

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

BOOST_AUTO_TEST_SUITE_END()
