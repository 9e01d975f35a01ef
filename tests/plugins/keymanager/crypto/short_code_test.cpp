#define BOOST_TEST_MODULE short_code_test
// The short code: its test vectors (docs/transfer-format.md, "Short code"), how it is shown and
// typed, and that a wizard run pays for one evaluation. Each evaluation costs about 0.5 s, so the
// tests make few.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "crypto/server_identity.hpp"
#include "crypto/short_code.hpp"

using namespace arbor::km::crypto;

namespace {

std::vector<std::uint8_t> bytes_of(const std::string& text) { return {text.begin(), text.end()}; }

server_identity some_identity() {
  return server_identity::generate(key_type::ec_p384, "Key Management Service (test)", std::chrono::days(30));
}

}  // namespace

// Computed with libargon2's argon2id_hash_raw (t=2, m=131072 KiB, p=1, the salt, 32-byte tag) and
// the first 40 bits encoded by hand in Crockford's base32.
BOOST_AUTO_TEST_CASE(matches_the_test_vectors) {
  BOOST_TEST(short_code_of({}) == "RD00NC16");
  BOOST_TEST(short_code_of(bytes_of("Arbor Key Manager")) == "NXKASVP4");
}

BOOST_AUTO_TEST_CASE(a_certificates_code_is_the_code_of_its_der) {
  const auto identity = some_identity();
  const std::string code = short_code(identity.cert());
  BOOST_TEST(code.size() == short_code_length);
  BOOST_TEST(code.find_first_not_of("0123456789ABCDEFGHJKMNPQRSTVWXYZ") == std::string::npos);
  BOOST_TEST(short_code_of(identity.cert().der()) == code);
}

BOOST_AUTO_TEST_CASE(is_shown_in_two_groups_of_four) { BOOST_TEST(grouped("K7QM3XPA") == "K7QM-3XPA"); }

BOOST_AUTO_TEST_CASE(typed_codes_ignore_case_and_separators_and_read_o_i_l_as_digits) {
  BOOST_TEST(typed_short_code("K7QM-3XPA").value_or("") == "K7QM3XPA");
  BOOST_TEST(typed_short_code(" k7qm 3xpa\n").value_or("") == "K7QM3XPA");
  BOOST_TEST(typed_short_code("k7:qm-3x:pa").value_or("") == "K7QM3XPA");
  BOOST_TEST(typed_short_code("OIL0-1234").value_or("") == "01101234");
}

BOOST_AUTO_TEST_CASE(typed_text_that_is_not_a_code_is_refused) {
  for (const std::string typed : {"", "K7QM-3XP", "K7QM-3XPA0", "K7QM-3XPU", "K7QM_3XPA", "K7QM-3XP\x01"})
    BOOST_TEST(!typed_short_code(typed).has_value(), "'" << typed << "'");
}

BOOST_AUTO_TEST_CASE(the_memo_computes_a_certificates_code_once_and_a_new_certificates_again) {
  const auto first = some_identity();
  const auto second = some_identity();
  int computed = 0;
  short_code_memo memo([&](std::span<const std::uint8_t> der) {
    ++computed;
    return short_code_of(der);
  });
  const std::string code = memo.of(first.cert());
  BOOST_TEST(memo.of(first.cert()) == code);
  BOOST_TEST(computed == 1);
  BOOST_TEST(memo.of(second.cert()) != code);
  BOOST_TEST(computed == 2);
}
