#define BOOST_TEST_MODULE token_claim_test
// The process-wide claim on a PKCS#11 token, with timeouts short enough for a test (the token
// code waits 30 s). Waiting for a claim another thread releases is tested with a real token
// (pkcs11_token_test).
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>

#include "common/km_error.hpp"
#include "crypto/token_claim.hpp"

using arbor::km::errc;
using arbor::km::error;
using arbor::km::crypto::token_claim;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_CASE(a_token_still_claimed_after_the_timeout_is_a_conflict_naming_it) {
  const token_claim first("module\ntoken-a", "token A", 0ms);
  BOOST_CHECK_EXCEPTION(token_claim("module\ntoken-a", "token A", 50ms), error, [](const error& e) {
    BOOST_TEST_MESSAGE("refused: " << e.what());
    return e.code() == errc::conflict &&
           std::string(e.what()) == "another task of this console is using token A; try again when it has finished";
  });
}

BOOST_AUTO_TEST_CASE(claims_on_other_tokens_do_not_wait) {
  const token_claim a("module\ntoken-a", "token A", 0ms);
  BOOST_CHECK_NO_THROW(token_claim("module\ntoken-b", "token B", 0ms));
  BOOST_CHECK_NO_THROW(token_claim("other-module\ntoken-a", "token A of another module", 0ms));
}

BOOST_AUTO_TEST_CASE(a_released_claim_is_free_at_once) {
  { const token_claim first("module\ntoken-a", "token A", 0ms); }
  BOOST_CHECK_NO_THROW(token_claim("module\ntoken-a", "token A", 0ms));
}
