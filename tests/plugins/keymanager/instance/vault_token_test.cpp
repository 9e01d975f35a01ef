#define BOOST_TEST_MODULE vault_token_test
// The vault with an HSM token (a scratch SoftHSM2): set_token makes the keys need the token, V
// unchanged; set_token(nullptr) takes the need away again, V still unchanged. open() opens the
// token only when the keys need it, after the passwords have opened their keyslots.
#include <boost/test/unit_test.hpp>

#include "common/km_error.hpp"
#include "softhsm.hpp"
#include "vault_fixture.hpp"

using namespace arbor::km;

namespace {

struct token_fixture : testing::vault_fixture {
  test::softhsm hsm;
  int tokens_opened = 0;

  token_fixture() { open_token().create_wrapping_key(); }

  // Tokens are opened for one step and closed after, as the tasks of a process take them in turn.
  static crypto::pkcs11_token open_token() {
    return crypto::pkcs11_token::open(test::softhsm::config(), secret(test::softhsm::user_pin));
  }
  // Opens the token as key opening does, counting how often.
  token_opener counted_token() {
    return [this] {
      ++tokens_opened;
      return open_token();
    };
  }

  void bind(opened_vault& opened) {
    auto token = open_token();
    vault(db).set_token(opened, &token);
  }
  opened_vault open_alice(const token_opener& with, const secret* password = nullptr) {
    const std::vector<administrator_key> given{{names[0], password != nullptr ? password : &passwords[0]}};
    return vault(db).open(given, with);
  }
  bool same_keys(const opened_vault& opened) {
    return opened.escrow_key().public_key() == keys.escrow_key().public_key();
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(vault_token, token_fixture)

BOOST_AUTO_TEST_CASE(a_vault_given_a_token_opens_only_with_it_and_the_same_keys) {
  bind(keys);
  BOOST_TEST(vault(db).needs_token());
  BOOST_CHECK_EXCEPTION(open_alice(nullptr), error, [](const error& e) { return e.code() == errc::bad_input; });
  BOOST_TEST(same_keys(open_alice(counted_token())));
  BOOST_TEST(tokens_opened == 1);
}

BOOST_AUTO_TEST_CASE(removing_the_token_takes_the_need_away_and_keeps_the_keys) {
  bind(keys);
  auto opened = open_alice(counted_token());
  vault(db).set_token(opened, nullptr);
  BOOST_TEST(!vault(db).needs_token());
  BOOST_TEST(same_keys(open_alice(counted_token())));
  BOOST_TEST(tokens_opened == 1);  // the second opening did not need it
  BOOST_TEST(same_keys(open_with({1})));
}

// The token is opened after the keyslots: a refused password never holds it, and a task's
// Argon2id work does not keep the other tasks of the process waiting for it.
BOOST_AUTO_TEST_CASE(a_password_that_does_not_open_the_keyslot_never_opens_the_token) {
  bind(keys);
  const secret wrong("not-alice-password");
  BOOST_CHECK_EXCEPTION(open_alice(counted_token(), &wrong), error,
                        [](const error& e) { return e.code() == errc::crypto; });
  BOOST_TEST(tokens_opened == 0);
}

// Two tasks at once: this one opened the keys, then another bound the vault to the token.
BOOST_AUTO_TEST_CASE(keys_opened_before_the_token_was_bound_cannot_split_the_vault_again) {
  auto opened = open_alice(nullptr);
  bind(keys);
  BOOST_CHECK_EXCEPTION(vault(db).share_out(opened, 1), error, [](const error& e) { return e.code() == errc::conflict; });
  BOOST_CHECK_EXCEPTION(vault(db).set_token(opened, nullptr), error, [](const error& e) { return e.code() == errc::conflict; });
  BOOST_TEST(same_keys(open_alice(counted_token())));
}

BOOST_AUTO_TEST_SUITE_END()
