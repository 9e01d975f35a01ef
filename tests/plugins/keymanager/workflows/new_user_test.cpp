#define BOOST_TEST_MODULE workflows_new_user_test
#include <boost/test/unit_test.hpp>

#include <string>

#include "common/km_error.hpp"
#include "workflows/new_user.hpp"

using arbor::km::errc;
using arbor::km::error;
using arbor::km::workflows::new_user;

namespace {

// The message new_user refuses these fields with, or "accepted".
std::string refusal(std::string alias, std::string name, std::string email, std::string origin = {}) {
  try {
    new_user(std::move(alias), std::move(name), std::move(email), std::move(origin));
    return "accepted";
  } catch (const error& e) {
    BOOST_TEST((e.code() == errc::bad_input));
    return e.what();
  }
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_CASE(a_user_with_usable_fields_is_built) {
  const new_user user("alice.smith", "", "alice@example.org");
  BOOST_TEST(user.alias() == "alice.smith");
  BOOST_TEST(user.certificate_name() == "alice.smith");
  BOOST_TEST(new_user("bob", "Bob Builder", "bob@example.org").certificate_name() == "Bob Builder");
}

BOOST_AUTO_TEST_CASE(an_empty_alias_is_refused) {
  BOOST_TEST(contains(refusal("", "Alice", "alice@example.org"), "the alias is empty"));
}

BOOST_AUTO_TEST_CASE(an_alias_with_a_space_or_over_64_characters_is_refused) {
  BOOST_TEST(contains(refusal("al ice", "", "alice@example.org"), "the alias 'al ice' cannot be used"));
  BOOST_TEST(contains(refusal(std::string(65, 'a'), "", "a@example.org"), "up to 64 letters"));
  BOOST_TEST(refusal(std::string(64, 'a'), "", "a@example.org") == "accepted");
}

BOOST_AUTO_TEST_CASE(an_empty_email_is_refused) {
  BOOST_TEST(contains(refusal("alice", "", ""), "the e-mail address of 'alice' is empty"));
}

BOOST_AUTO_TEST_CASE(an_email_a_certificate_cannot_carry_is_refused) {
  BOOST_TEST(refusal("alice", "", "not-an-address") != "accepted");
}

BOOST_AUTO_TEST_CASE(a_refusal_names_the_origin) {
  BOOST_TEST(contains(refusal("al ice", "", "a@example.org", "line 4 of users.csv"), "line 4 of users.csv: the alias"));
}
