#define BOOST_TEST_MODULE escrow_key_sealing_test
#include <boost/test/unit_test.hpp>

#include "common/km_error.hpp"
#include "instance/key_sealing.hpp"
#include "vault_fixture.hpp"

using namespace arbor::km;

namespace {

struct sealed_key : testing::vault_fixture {
  crypto::private_key key = crypto::private_key::generate_ec("P-256");
  store::key_entry entry = [this] {
    store::key_entry e;
    e.user_id = "user-1";
    e.key_id = "key-1";
    e.seq = 1;
    e.sealed_key = arbor::km::seal_user_key(keys.escrow_key().public_key(), key, e.user_id, e.key_id);
    return e;
  }();
};

bool does_not_verify(const error& e) { return e.code() == errc::crypto; }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(key_sealing, sealed_key)

BOOST_AUTO_TEST_CASE(binding_names_the_user_and_the_key) {
  BOOST_TEST(arbor::km::key_binding("u", "k") == "user:u/key:k");
}

BOOST_AUTO_TEST_CASE(a_key_sealed_to_the_escrow_key_opens_in_its_own_place) {
  BOOST_TEST(crypto::is_sealed_to_public_key(entry.sealed_key));
  const auto opened = arbor::km::unseal_user_key(keys, entry);
  BOOST_TEST(opened.public_key_sha256_hex() == key.public_key_sha256_hex());
}

BOOST_AUTO_TEST_CASE(a_key_sealed_while_the_vault_is_open_opens_too) {
  entry.sealed_key = keys.user_keys().seal(key.to_pkcs8_der(), key_binding(entry.user_id, entry.key_id));
  BOOST_TEST(arbor::km::unseal_user_key(keys, entry).public_key_sha256_hex() == key.public_key_sha256_hex());
}

BOOST_AUTO_TEST_CASE(a_sealed_key_moved_to_another_user_does_not_open) {
  entry.user_id = "user-2";
  BOOST_CHECK_EXCEPTION(arbor::km::unseal_user_key(keys, entry), error, does_not_verify);
}

BOOST_AUTO_TEST_CASE(a_sealed_key_moved_to_another_key_id_does_not_open) {
  entry.key_id = "key-2";
  BOOST_CHECK_EXCEPTION(arbor::km::unseal_user_key(keys, entry), error, does_not_verify);
}

BOOST_AUTO_TEST_CASE(a_sealed_key_does_not_open_with_another_vault) {
  testing::vault_fixture other;
  BOOST_CHECK_EXCEPTION(arbor::km::unseal_user_key(other.keys, entry), error, does_not_verify);
}

BOOST_AUTO_TEST_CASE(a_recovery_seal_opens_with_its_token_only) {
  const secret token("0123456789abcdef0123456789abcdef");
  const auto sealed = seal_for_recovery(token, "token-1", key.to_pkcs8_der(), "user-1", "key-1");
  BOOST_TEST(open_for_recovery(token, "token-1", sealed, "user-1", "key-1").public_key_sha256_hex() ==
             key.public_key_sha256_hex());
  BOOST_CHECK_EXCEPTION(open_for_recovery(secret("0123456789abcdef0123456789abcdee"), "token-1", sealed, "user-1", "key-1"),
                        error, does_not_verify);
  BOOST_CHECK_EXCEPTION(open_for_recovery(token, "token-2", sealed, "user-1", "key-1"), error, does_not_verify);
  BOOST_CHECK_EXCEPTION(open_for_recovery(token, "token-1", sealed, "user-1", "key-2"), error, does_not_verify);
}

BOOST_AUTO_TEST_SUITE_END()
