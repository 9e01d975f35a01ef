#define BOOST_TEST_MODULE workflows_token_redemption_test
#include <boost/test/unit_test.hpp>

#include <string>

#include "workflows/pkcs12_password.hpp"
#include "workflows/presented_token.hpp"

using arbor::km::errc;
using arbor::km::error;
using arbor::km::secret;
using arbor::km::workflows::pkcs12_password;
using arbor::km::workflows::presented_token;

BOOST_AUTO_TEST_CASE(a_token_with_its_alias_is_presented) {
  const presented_token token("alice", secret("0123456789abcdef"));
  BOOST_TEST(token.alias() == "alice");
  BOOST_TEST(token.token().view() == "0123456789abcdef");
}

BOOST_AUTO_TEST_CASE(a_presentation_without_an_alias_says_so) {
  BOOST_CHECK_EXCEPTION(presented_token("", secret("0123456789abcdef")), presented_token::incomplete,
                        [](const presented_token::incomplete& e) {
                          return e.which() == presented_token::part::alias && e.code() == errc::bad_input;
                        });
}

BOOST_AUTO_TEST_CASE(a_presentation_without_a_token_says_so) {
  BOOST_CHECK_EXCEPTION(presented_token("alice", secret()), presented_token::incomplete,
                        [](const presented_token::incomplete& e) { return e.which() == presented_token::part::token; });
}

BOOST_AUTO_TEST_CASE(a_pkcs12_password_of_8_characters_is_accepted) {
  BOOST_TEST(pkcs12_password(secret("12345678")).value().view() == "12345678");
}

BOOST_AUTO_TEST_CASE(a_pkcs12_password_shorter_than_8_characters_is_refused) {
  BOOST_CHECK_EXCEPTION(pkcs12_password(secret("1234567")), error, [](const error& e) {
    return e.code() == errc::bad_input && std::string(e.what()).find("at least 8 characters") != std::string::npos;
  });
  BOOST_CHECK_EXCEPTION(pkcs12_password(secret{}), error, [](const error& e) { return e.code() == errc::bad_input; });
}

BOOST_AUTO_TEST_CASE(a_pkcs12_password_with_a_nul_is_refused) {
  BOOST_CHECK_EXCEPTION(pkcs12_password(secret(std::string_view("pass\0word", 9))), error,
                        [](const error& e) { return e.code() == errc::bad_input; });
}
