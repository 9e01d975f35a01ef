#define BOOST_TEST_MODULE km_workflows_hsm_test
// The HSM token as the keys' second factor, through workflows::open_keys against a scratch
// SoftHSM2: the first key opening with a token configured binds the vault to it, V unchanged; from
// then on the keys open only with that token and its PIN, and every refusal is audited.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <future>
#include <optional>
#include <string>

#include "instance/key_sealing.hpp"
#include "site_fixture.hpp"
#include "softhsm.hpp"
#include "workflows/administrators.hpp"
#include "workflows/back_up.hpp"
#include "workflows/key_opening.hpp"
#include "workflows/restore.hpp"

using namespace arbor::km;

namespace {

struct hsm_fixture : testing::site_fixture {
  test::softhsm hsm;
  crypto::private_key user_key = crypto::private_key::generate_ec("P-256");

  /// The keys opened as Export Users opens them, by admin, with `pin` typed as the HSM PIN.
  opened_vault open_keys(const std::string& pin = test::softhsm::user_pin) {
    return workflows::open_keys(kms, site, as("export-users"), admin_login(), secret(pin));
  }

  /// Configures the scratch token and opens the keys once, which binds the vault to it.
  void bind() {
    site.pkcs11 = hsm.config();
    open_keys();
    BOOST_REQUIRE(kms.vault().needs_token());
  }

  /// A user's key as enrollment seals it: to the escrow public key, no vault open.
  store::key_entry enrolled_key() {
    store::key_entry e;
    e.user_id = "user-1";
    e.key_id = "key-1";
    e.seq = 1;
    e.sealed_key = seal_user_key(kms.escrow_public_key(), user_key, e.user_id, e.key_id);
    return e;
  }

  bool opens(const opened_vault& keys, const store::key_entry& entry) {
    return unseal_user_key(keys, entry).public_key_sha256_hex() == user_key.public_key_sha256_hex();
  }

  /// The newest audit entry is a failed "keys-opened" of Export Users, saying `words`.
  void check_refusal_audited(const std::string& words) {
    const auto entry = last_audit();
    BOOST_TEST(entry.event == "keys-opened");
    BOOST_TEST((entry.outcome == store::audit_outcome::failure));
    BOOST_TEST(entry.detail.starts_with("task=export-users: "));
    BOOST_TEST(entry.detail.find(words) != std::string::npos, entry.detail);
  }
};

auto refused(errc code, std::string words) {
  return [code, words](const error& e) {
    BOOST_TEST_MESSAGE("refused: " << e.what());
    return e.code() == code && std::string(e.what()).find(words) != std::string::npos;
  };
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(hsm, hsm_fixture)

BOOST_AUTO_TEST_CASE(the_first_key_opening_with_a_token_configured_binds_the_vault_to_it) {
  const auto entry = enrolled_key();
  BOOST_TEST(!kms.vault().needs_token());
  site.pkcs11 = hsm.config();
  const auto keys = open_keys();
  BOOST_TEST(kms.vault().needs_token());
  BOOST_TEST(opens(keys, entry));
  const auto bound = last_audit();
  BOOST_TEST(bound.event == "hsm-bound");
  BOOST_TEST((bound.outcome == store::audit_outcome::success));
  BOOST_TEST(bound.actor == "admin");
  BOOST_TEST(bound.detail == "token=arbor-test; key=arbor-km-wrap; task=export-users; wrapping key created");
  // Bound: the next opening opens with the token, and binds nothing again.
  BOOST_TEST(opens(open_keys(), entry));
  BOOST_TEST(last_audit().event != "hsm-bound");
}

BOOST_AUTO_TEST_CASE(a_wrapping_key_the_token_holds_already_is_kept) {
  {
    auto token = crypto::pkcs11_token::open(hsm.config(), secret(test::softhsm::user_pin));
    token.create_wrapping_key();
  }
  bind();
  BOOST_TEST(last_audit().detail == "token=arbor-test; key=arbor-km-wrap; task=export-users");
}

BOOST_AUTO_TEST_CASE(a_wrong_pin_before_the_binding_binds_nothing) {
  site.pkcs11 = hsm.config();
  BOOST_CHECK_EXCEPTION(open_keys("not-the-pin"), error, refused(errc::auth_failed, "PIN"));
  check_refusal_audited("PIN");
  BOOST_TEST(!kms.vault().needs_token());
}

BOOST_AUTO_TEST_CASE(a_bound_vault_with_no_token_configured_is_refused_and_audited) {
  bind();
  site.pkcs11.reset();
  BOOST_CHECK_EXCEPTION(open_keys(), error, refused(errc::bad_input, "keys.pkcs11-token"));
  check_refusal_audited("also need its HSM token");
}

BOOST_AUTO_TEST_CASE(a_wrong_pin_is_refused_and_audited) {
  bind();
  BOOST_CHECK_EXCEPTION(open_keys("not-the-pin"), error, refused(errc::auth_failed, "PIN"));
  check_refusal_audited("PIN");
  BOOST_CHECK_EXCEPTION(open_keys(""), error, refused(errc::bad_input, "PIN"));
  check_refusal_audited("PIN");
}

BOOST_AUTO_TEST_CASE(another_token_with_a_key_of_its_own_is_refused_and_audited) {
  bind();
  test::softhsm::init_token("arbor-other");
  {
    auto other = crypto::pkcs11_token::open(hsm.config("arbor-other"), secret(test::softhsm::user_pin));
    other.create_wrapping_key();
  }
  site.pkcs11 = hsm.config("arbor-other");
  BOOST_CHECK_EXCEPTION(open_keys(), error, refused(errc::crypto, "not the token they were wrapped with"));
  check_refusal_audited("not the token they were wrapped with");
  BOOST_TEST(kms.vault().needs_token());
}

// The refusals change nothing: the right token opens the keys again, and V never changed, so keys
// sealed before the binding (to the escrow key, or under the vault's user-key sealing key) open.
BOOST_AUTO_TEST_CASE(back_with_the_right_token_keys_sealed_before_the_binding_open) {
  const auto enrolled = enrolled_key();
  auto imported = enrolled;
  imported.key_id = "key-2";
  imported.sealed_key = open_keys().user_keys().seal(user_key.to_pkcs8_der(), key_binding("user-1", "key-2"));
  bind();

  site.pkcs11.reset();
  BOOST_CHECK_THROW(open_keys(), error);
  site.pkcs11 = hsm.config();
  BOOST_CHECK_THROW(open_keys("not-the-pin"), error);
  test::softhsm::init_token("arbor-other");
  site.pkcs11 = hsm.config("arbor-other");
  BOOST_CHECK_THROW(open_keys(), error);

  site.pkcs11 = hsm.config();
  const auto keys = open_keys();
  BOOST_TEST(opens(keys, enrolled));
  BOOST_TEST(opens(keys, imported));
}

// Adding an administrator re-splits the vault with the token's pepper kept: the new keyslot opens
// the keys, with the token.
BOOST_AUTO_TEST_CASE(an_administrator_added_after_the_binding_opens_the_keys_with_the_token) {
  const auto entry = enrolled_key();
  bind();
  workflows::change_administrators(kms, site, as(workflows::manage_administrators_task), admin_login(),
                                   secret(test::softhsm::user_pin),
                                   workflows::administrator_change::add("bob", workflows::new_password(secret("bob-secret"))));
  const auto keys = workflows::open_keys(kms, site, as("export-users", "bob", "bob-secret"),
                                         admin_login("bob", "bob-secret"), secret(test::softhsm::user_pin));
  BOOST_TEST(opens(keys, entry));
}

// The web console runs tasks at once, each on a thread with a connection of its own. Two tasks that
// open keys while something else in the process holds the token wait for it, then take it in turn
// (a PKCS#11 login belongs to the process), and both open the keys.
BOOST_AUTO_TEST_CASE(tasks_opening_keys_at_once_take_the_token_in_turn) {
  const auto entry = enrolled_key();
  bind();
  std::optional<crypto::pkcs11_token> held = crypto::pkcs11_token::open(hsm.config(), secret(test::softhsm::user_pin));
  const auto task = [&](std::string name) {
    auto own = workflows::open(site);
    const auto who = workflows::sign_in(own, site, {name, admin_login()});
    return opens(workflows::open_keys(own, site, who, admin_login(), secret(test::softhsm::user_pin)), entry);
  };
  auto export_users = std::async(std::launch::async, task, "export-users");
  auto recover_keys = std::async(std::launch::async, task, "recover-keys");
  BOOST_TEST((export_users.wait_for(std::chrono::milliseconds(200)) == std::future_status::timeout));
  held.reset();
  BOOST_TEST(export_users.get());
  BOOST_TEST(recover_keys.get());
}

// A backup taken since the binding has the token's pepper: restoring it opens its vault with the
// token, and is refused without one.
BOOST_AUTO_TEST_CASE(a_backup_taken_after_the_binding_restores_only_with_the_token) {
  bind();
  const auto backup = workflows::back_up(kms, {"admin"}).file;
  const secret password("password");
  const std::vector<administrator_key> opening{{"admin", &password}};
  workflows::restore_request without{workflows::backup_file(kms.directory(), backup.filename().string()), "admin",
                                     opening, {}};
  BOOST_CHECK_EXCEPTION(workflows::restore(kms, without), error, refused(errc::corrupt, "also need its HSM token"));
  workflows::restore_request with{workflows::backup_file(kms.directory(), backup.filename().string()), "admin",
                                  opening, {hsm.config(), secret(test::softhsm::user_pin)}};
  BOOST_TEST(workflows::restore(kms, with).restored_from == backup);
  BOOST_TEST(kms.vault().needs_token());
}

BOOST_AUTO_TEST_SUITE_END()
