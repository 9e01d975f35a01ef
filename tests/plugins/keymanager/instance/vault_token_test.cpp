#define BOOST_TEST_MODULE vault_token_test
// The vault with an HSM token (a scratch SoftHSM2): set_token makes the keys need the token, V
// unchanged; set_token(nullptr) takes the need away again, V still unchanged.
#include <boost/test/unit_test.hpp>

#include "common/km_error.hpp"
#include "softhsm.hpp"
#include "vault_fixture.hpp"

using namespace arbor::km;

namespace {

struct token_fixture : testing::vault_fixture {
  test::softhsm hsm;
  crypto::pkcs11_token token = [] {
    auto t = crypto::pkcs11_token::open(test::softhsm::config(), secret(test::softhsm::user_pin));
    t.create_wrapping_key();
    return t;
  }();

  opened_vault open_alice(crypto::pkcs11_token* with) {
    const std::vector<administrator_key> given{key_of(0)};
    return vault(db).open(given, with);
  }
  bool same_keys(const opened_vault& opened) {
    return opened.escrow_key().public_key() == keys.escrow_key().public_key();
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(vault_token, token_fixture)

BOOST_AUTO_TEST_CASE(a_vault_given_a_token_opens_only_with_it_and_the_same_keys) {
  vault(db).set_token(keys, &token);
  BOOST_TEST(vault(db).needs_token());
  BOOST_CHECK_EXCEPTION(open_alice(nullptr), error, [](const error& e) { return e.code() == errc::bad_input; });
  BOOST_TEST(same_keys(open_alice(&token)));
}

BOOST_AUTO_TEST_CASE(removing_the_token_takes_the_need_away_and_keeps_the_keys) {
  vault(db).set_token(keys, &token);
  auto opened = open_alice(&token);
  vault(db).set_token(opened, nullptr);
  BOOST_TEST(!vault(db).needs_token());
  BOOST_TEST(same_keys(open_alice(nullptr)));
  BOOST_TEST(same_keys(open_with({1})));
}

// Two tasks at once: this one opened the keys, then another bound the vault to the token.
BOOST_AUTO_TEST_CASE(keys_opened_before_the_token_was_bound_cannot_split_the_vault_again) {
  auto opened = open_alice(nullptr);
  vault(db).set_token(keys, &token);
  BOOST_CHECK_EXCEPTION(vault(db).share_out(opened, 1), error, [](const error& e) { return e.code() == errc::conflict; });
  BOOST_CHECK_EXCEPTION(vault(db).set_token(opened, nullptr), error, [](const error& e) { return e.code() == errc::conflict; });
  BOOST_TEST(same_keys(open_alice(&token)));
}

BOOST_AUTO_TEST_SUITE_END()
