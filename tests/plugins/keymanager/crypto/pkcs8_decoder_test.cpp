#define BOOST_TEST_MODULE pkcs8_decoder_test
#include <boost/test/unit_test.hpp>

#include "common/km_error.hpp"
#include "crypto/private_key.hpp"
#include "crypto/pkcs8_decoder.hpp"

using namespace arbor::km;

BOOST_AUTO_TEST_CASE(one_decoder_gives_each_key_in_turn_not_the_previous_one) {
  const auto rsa = crypto::private_key::generate_rsa(2048);
  const auto ec = crypto::private_key::generate_ec("P-256");
  crypto::pkcs8_decoder decoder;
  for (int round = 0; round < 3; ++round) {
    BOOST_TEST(decoder.decode(rsa.to_pkcs8_der()).public_key_sha256_hex() == rsa.public_key_sha256_hex());
    BOOST_TEST(decoder.decode(ec.to_pkcs8_der()).public_key_sha256_hex() == ec.public_key_sha256_hex());
  }
}

BOOST_AUTO_TEST_CASE(decoder_refuses_garbage_and_trailing_bytes_and_keeps_working) {
  const auto ec = crypto::private_key::generate_ec("P-256");
  crypto::pkcs8_decoder decoder;
  BOOST_CHECK_THROW(decoder.decode(secret("not a key")), error);
  secret longer = ec.to_pkcs8_der();
  longer.resize(longer.size() + 1);
  BOOST_CHECK_THROW(decoder.decode(longer), error);
  BOOST_TEST(decoder.decode(ec.to_pkcs8_der()).public_key_sha256_hex() == ec.public_key_sha256_hex());
}
