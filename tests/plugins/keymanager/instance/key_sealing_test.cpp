#define BOOST_TEST_MODULE escrow_key_sealing_test
#include <boost/test/unit_test.hpp>

#include "common/km_error.hpp"
#include "instance/key_sealing.hpp"

using namespace arbor::km;

namespace {

struct sealed_key {
  crypto::sealing_key master = crypto::sealing_key::generate();
  crypto::private_key key = crypto::private_key::generate_ec("P-256");
  store::key_entry entry = [this] {
    store::key_entry e;
    e.user_id = "user-1";
    e.key_id = "key-1";
    e.seq = 1;
    e.sealed_key = arbor::km::seal_user_key(master, key, e.user_id, e.key_id);
    return e;
  }();
};

bool does_not_verify(const error& e) { return e.code() == errc::crypto; }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(key_sealing, sealed_key)

BOOST_AUTO_TEST_CASE(binding_names_the_user_and_the_key) {
  BOOST_TEST(arbor::km::key_binding("u", "k") == "user:u/key:k");
}

BOOST_AUTO_TEST_CASE(a_sealed_key_unseals_in_its_own_place) {
  const auto opened = arbor::km::unseal_user_key(master, entry);
  BOOST_TEST(opened.public_key_sha256_hex() == key.public_key_sha256_hex());
}

BOOST_AUTO_TEST_CASE(a_sealed_key_moved_to_another_user_does_not_unseal) {
  entry.user_id = "user-2";
  BOOST_CHECK_EXCEPTION(arbor::km::unseal_user_key(master, entry), error, does_not_verify);
}

BOOST_AUTO_TEST_CASE(a_sealed_key_moved_to_another_key_id_does_not_unseal) {
  entry.key_id = "key-2";
  BOOST_CHECK_EXCEPTION(arbor::km::unseal_user_key(master, entry), error, does_not_verify);
}

BOOST_AUTO_TEST_CASE(a_sealed_key_does_not_unseal_under_another_master_key) {
  BOOST_CHECK_EXCEPTION(arbor::km::unseal_user_key(crypto::sealing_key::generate(), entry), error, does_not_verify);
}

BOOST_AUTO_TEST_SUITE_END()
