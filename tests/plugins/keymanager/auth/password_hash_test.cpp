#define BOOST_TEST_MODULE km_auth_password_hash
#include <boost/test/unit_test.hpp>

#include "auth/password_hash.hpp"
#include "common/km_error.hpp"

using namespace arbor::km;

namespace {

// Cheap parameters: the tests check behaviour, not cost.
const auth::password_hasher hasher({.iterations = 1, .memory_kib = 8, .parallelism = 1});

}  // namespace

BOOST_AUTO_TEST_CASE(the_right_password_verifies) {
  const auto hash = hasher.hash(secret("correct horse"));
  BOOST_TEST(hash.starts_with("$argon2id$"));
  BOOST_TEST(hasher.verify(hash, secret("correct horse")));
}

BOOST_AUTO_TEST_CASE(a_wrong_password_does_not_verify) {
  const auto hash = hasher.hash(secret("correct horse"));
  BOOST_TEST(!hasher.verify(hash, secret("correct horsE")));
  BOOST_TEST(!hasher.verify(hash, secret("")));
}

BOOST_AUTO_TEST_CASE(the_same_password_hashes_differently_each_time) {
  BOOST_TEST(hasher.hash(secret("same")) != hasher.hash(secret("same")));
}

BOOST_AUTO_TEST_CASE(a_hash_made_with_other_parameters_still_verifies) {
  const auth::password_hasher stronger({.iterations = 2, .memory_kib = 16, .parallelism = 1});
  BOOST_TEST(hasher.verify(stronger.hash(secret("pw")), secret("pw")));
}

BOOST_AUTO_TEST_CASE(default_parameters_are_argon2id_t3_64mib_p1) {
  const auth::password_hasher defaults;
  BOOST_TEST(defaults.hash(secret("pw")).starts_with("$argon2id$v=19$m=65536,t=3,p=1$"));
}

BOOST_AUTO_TEST_CASE(a_damaged_hash_is_reported_as_corrupt) {
  BOOST_CHECK_EXCEPTION(hasher.verify("$argon2id$garbage", secret("pw")), error,
                        [](const error& e) { return e.code() == errc::corrupt; });
}

BOOST_AUTO_TEST_CASE(new_passwords_shorter_than_eight_characters_are_refused) {
  BOOST_CHECK_EXCEPTION(auth::check_new_password(secret("1234567")), error,
                        [](const error& e) { return e.code() == errc::bad_input; });
  BOOST_CHECK_NO_THROW(auth::check_new_password(secret("12345678")));
}

BOOST_AUTO_TEST_CASE(the_initial_password_cannot_be_chosen_again) {
  BOOST_CHECK_EXCEPTION(auth::check_new_password(secret("password")), error,
                        [](const error& e) { return e.code() == errc::bad_input; });
}
