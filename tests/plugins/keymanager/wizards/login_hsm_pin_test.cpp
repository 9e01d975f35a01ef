#define BOOST_TEST_MODULE login_hsm_pin_test
// The HSM PIN on the Key Management Service Login: asked, after the passwords, only where a token
// is configured and the task opens keys or re-makes keyslots, and carried to the workflow that
// opens them (a scratch SoftHSM2).
#include <boost/test/unit_test.hpp>

#include <optional>
#include <string>

#include "common/clock.hpp"
#include "softhsm.hpp"
#include "store/audit_log.hpp"
#include "wizards/factories.hpp"
#include "workflows/key_opening.hpp"

using namespace arbor;
using namespace arbor::km;

namespace {

sdk::answer text(std::string value, sdk::field_kind kind = sdk::field_kind::text) {
  sdk::answer a;
  a.kind = kind;
  a.text = std::move(value);
  return a;
}

sdk::answer typed(std::string_view value) {
  sdk::answer a;
  a.kind = sdk::field_kind::secret;
  a.secret = sdk::secret_text(value);
  return a;
}

struct login_fixture {
  test::softhsm hsm;
  const km::system_clock clock;
  // An EC identity: quicker to make than the default RSA 3072.
  wizards::environment env{{hsm.dir / "kms", {crypto::key_type::ec_p384, "Test KMS"}, {1, 8 * 1024, 1}, &clock},
                           nullptr, nullptr};

  /// The HSM PIN field of the login page `wizard` prepares after `so_far`, if it asks one.
  static std::optional<sdk::field> pin_field(sdk::wizard& wizard, const sdk::answers& so_far) {
    const auto login = wizard.prepare("login", so_far);
    BOOST_REQUIRE(login);
    const auto& fields = login.value().fields;
    BOOST_REQUIRE(!fields.empty());
    if (fields.back().id != "hsm_pin") return std::nullopt;
    BOOST_TEST((fields.back().kind == sdk::field_kind::secret));
    BOOST_TEST(fields.back().label == "HSM PIN");
    return fields.back();
  }

  static sdk::answers operation(const std::string& action) {
    sdk::answers a;
    a.set("operation", "action", text(action, sdk::field_kind::choice));
    return a;
  }

  /// The Administrators tab adding bob, logged in as admin with `pin` typed as the HSM PIN.
  sdk::result<sdk::summary> add_bob(const std::string& pin) {
    auto tab = wizards::make_administrators_tab(env);
    auto answers = operation("add");
    BOOST_REQUIRE(pin_field(*tab, answers));
    answers.set("login", "administrator", text("admin"));
    answers.set("login", "password", typed("password"));
    answers.set("login", "hsm_pin", typed(pin));
    BOOST_REQUIRE(tab->validate("login", answers));
    answers.set("administrator", "name", text("bob"));
    answers.set("administrator", "new_password", typed("bob-secret"));
    answers.set("administrator", "confirm_password", typed("bob-secret"));
    BOOST_REQUIRE(tab->validate("administrator", answers));
    return tab->run(answers);
  }

  store::audit_entry last_audit() {
    auto kms = workflows::open(env.site);
    return store::audit_log(kms.db()).recent(1).at(0);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(login_hsm_pin, login_fixture)

BOOST_AUTO_TEST_CASE(with_a_token_only_the_tasks_that_open_keys_ask_the_pin) {
  env.site.pkcs11 = hsm.config();
  for (const auto& entry : wizards::catalog()) {
    if (entry.login != wizards::login_kind::administrators) continue;
    BOOST_TEST_CONTEXT(entry.action_id) {
      auto wizard = entry.make(env);
      const auto pin = pin_field(*wizard, {});
      BOOST_TEST(pin.has_value() == workflows::opens_keys(entry.action_id));
      if (pin) BOOST_TEST(pin->required);
    }
  }
}

BOOST_AUTO_TEST_CASE(without_a_token_no_task_asks_the_pin) {
  for (const auto& entry : wizards::catalog()) {
    if (entry.login != wizards::login_kind::administrators) continue;
    BOOST_TEST_CONTEXT(entry.action_id) {
      auto wizard = entry.make(env);
      BOOST_TEST(!pin_field(*wizard, {}).has_value());
    }
  }
  auto tab = wizards::make_administrators_tab(env);
  BOOST_TEST(!pin_field(*tab, operation("add")).has_value());
}

// Adding or removing an administrator splits the vault anew; changing one's own password does
// not; the policy opens the keys only when the key-opening number changes, known after the login.
BOOST_AUTO_TEST_CASE(the_tabs_ask_the_pin_where_they_may_re_make_keyslots) {
  env.site.pkcs11 = hsm.config();
  auto administrators = wizards::make_administrators_tab(env);
  BOOST_TEST(pin_field(*administrators, operation("add")).value().required);
  BOOST_TEST(pin_field(*administrators, operation("remove")).value().required);
  BOOST_TEST(!pin_field(*administrators, operation("change-password")).has_value());
  BOOST_TEST(!pin_field(*administrators, operation("list")).has_value());
  auto passwords = wizards::make_passwords_tab(env);
  BOOST_TEST(!pin_field(*passwords, operation("set")).value().required);
  BOOST_TEST(!pin_field(*passwords, operation("view")).has_value());
}

BOOST_AUTO_TEST_CASE(the_pin_typed_at_the_login_opens_the_token_for_the_task) {
  env.site.pkcs11 = hsm.config();
  const auto added = add_bob(test::softhsm::user_pin);
  BOOST_REQUIRE_MESSAGE(added, (added ? std::string() : added.error().message));
  const auto entry = last_audit();
  BOOST_TEST(entry.event == "administrator-added");
  auto kms = workflows::open(env.site);
  BOOST_TEST(kms.vault().needs_token());  // the first key opening bound the vault to the token
}

BOOST_AUTO_TEST_CASE(a_wrong_pin_typed_at_the_login_fails_the_task) {
  env.site.pkcs11 = hsm.config();
  const auto refused = add_bob("not-the-pin");
  BOOST_REQUIRE(!refused);
  BOOST_TEST_MESSAGE(refused.error().message);
  BOOST_TEST(refused.error().message.find("PIN") != std::string::npos);
  BOOST_TEST(last_audit().event == "keys-opened");
}

BOOST_AUTO_TEST_SUITE_END()
