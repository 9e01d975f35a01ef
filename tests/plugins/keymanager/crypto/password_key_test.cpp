#define BOOST_TEST_MODULE password_key_test
// The keyslot key of a password: Argon2id as the `argon2` command line computes it, with every
// cost parameter and the salt taken into account, and libargon2's refusals passed on.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "common/hex.hpp"
#include "common/km_error.hpp"
#include "crypto/password_key.hpp"
#include "crypto_test_support.hpp"

using arbor::km::argon2_params;
using arbor::km::errc;
using arbor::km::secret;
using arbor::km::crypto::new_password_salt;
using arbor::km::crypto::password_key;
namespace test = arbor::km::test;

namespace {

const secret password("correct horse battery staple");

std::vector<std::uint8_t> bytes_of(std::string_view text) { return {text.begin(), text.end()}; }

std::string key_hex(std::string_view salt, const argon2_params& cost) {
  const secret key = password_key(password, bytes_of(salt), cost);
  return arbor::km::to_hex({key.data(), key.size()});
}

// libargon2's message for what it refused; the refusal is errc::internal.
std::string refusal_message(const argon2_params& cost, std::string_view salt) {
  const auto refused = test::refusal_of([&] { password_key(password, bytes_of(salt), cost); });
  BOOST_TEST((refused.code == errc::internal));
  return refused.message;
}

}  // namespace

// Expected values from the argon2 tool (Debian package argon2), e.g.
//   printf %s 'correct horse battery staple' | argon2 keyslot-salt-16b -id -t 2 -k 1024 -p 1 -l 32 -r
// Each case changes one parameter, so each must be honored for its figure to come out.
BOOST_AUTO_TEST_CASE(matches_the_argon2_command_line_for_each_cost_parameter) {
  BOOST_TEST(key_hex("keyslot-salt-16b", {2, 1024, 1}) == "a4d9106b046a6a2d1f29a84ed5858ff931ef913e32de094cddb3f7e538fde25f");
  BOOST_TEST(key_hex("keyslot-salt-16b", {3, 1024, 1}) == "6d40f6fb0e58859063b3f6f566f2dc313d0a46f405b17d2d6377bc31d8414599");
  BOOST_TEST(key_hex("keyslot-salt-16b", {2, 2048, 1}) == "d3ead2e62389640ee91ff53de72ab906b3c3104b5b0421252d4f3151cea572de");
  BOOST_TEST(key_hex("keyslot-salt-16b", {2, 1024, 2}) == "13917386c347d0290f7ef606a8447f7f958a2984ca01138fda1ba9047102bae0");
}

BOOST_AUTO_TEST_CASE(another_salt_gives_another_key) {
  BOOST_TEST(key_hex("another-salt-16b", {2, 1024, 1}) == "8855b93266832e34967c0001bec857c328c6fa6f099913e040184490390aa5cc");
  const argon2_params cost{1, 64, 1};
  BOOST_TEST(!(password_key(password, new_password_salt(), cost) == password_key(password, new_password_salt(), cost)));
}

BOOST_AUTO_TEST_CASE(new_salts_are_16_fresh_bytes) {
  const auto a = new_password_salt();
  BOOST_TEST(a.size() == 16u);
  BOOST_TEST(a != new_password_salt());
}

BOOST_AUTO_TEST_CASE(what_libargon2_refuses_is_refused_with_its_message) {
  const std::string salt = "keyslot-salt-16b";
  BOOST_TEST(refusal_message({1, 64, 1}, "7 bytes").find("Salt is too short") != std::string::npos);
  BOOST_TEST(refusal_message({0, 64, 1}, salt).find("Time cost is too small") != std::string::npos);
  BOOST_TEST(refusal_message({1, 7, 1}, salt).find("Memory cost is too small") != std::string::npos);
  BOOST_TEST(refusal_message({1, 64, 0}, salt).find("Too few lanes") != std::string::npos);
}
