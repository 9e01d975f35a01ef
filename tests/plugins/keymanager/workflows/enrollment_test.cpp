#define BOOST_TEST_MODULE escrow_enrollment_test
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "workflows/enrollment.hpp"
#include "workflows/enrollment_settings.hpp"
#include "instance/key_sealing.hpp"
#include "workflow_fixture.hpp"
#include "store/key_history.hpp"
#include "store/users.hpp"

using namespace arbor::km;
using workflows::new_user;

namespace {

const secret p12_password("user-chosen-pw");

auto has_code(errc code) {
  return [code](const error& e) { return e.code() == code; };
}

struct enrollment_fixture : testing::escrow_fixture {
  std::vector<workflows::invitation> add(std::vector<new_user> users) { return workflows::enroll_users(kms, users); }
  workflows::invitation add_one(const std::string& alias) {
    return std::move(add({{alias, "User " + alias, alias + "@example.org", {}}}).front());
  }
  workflows::enrollment_result complete(const workflows::invitation& invited) {
    return workflows::complete_enrollment(kms, ca, invited.alias, invited.token, p12_password);
  }
  std::int64_t keys_of(const std::string& user_id) {
    return store::key_history_repository(kms.db()).count_for_user(user_id);
  }
  std::string state_of(const std::string& alias) { return store::user_repository(kms.db()).find_by_alias(alias)->state; }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(enrollment, enrollment_fixture)

BOOST_AUTO_TEST_CASE(added_users_wait_for_enrollment_with_a_token_of_the_default_lifetime) {
  const auto invited = add_one("alice");
  BOOST_TEST(invited.token.size() == 32u);
  BOOST_TEST(invited.expires_at == clock.now() + workflows::enrollment_settings{}.token_lifetime_s);
  BOOST_TEST(state_of("alice") == "pending-enrollment");
  BOOST_TEST(keys_of(invited.user_id) == 0);
}

BOOST_AUTO_TEST_CASE(an_existing_alias_refuses_the_whole_list_and_adds_nobody) {
  add_one("alice");
  std::vector<new_user> users{{"bob", "Bob", "bob@example.org", "line 2 of users.csv"},
                              {"ALICE", "Alice", "alice@example.org", "line 3 of users.csv"}};
  BOOST_CHECK_EXCEPTION(workflows::enroll_users(kms, users), error, [](const error& e) {
    return e.code() == errc::conflict && std::string(e.what()).find("line 3 of users.csv") != std::string::npos;
  });
  BOOST_TEST(!store::user_repository(kms.db()).find_by_alias("bob"));
}

BOOST_AUTO_TEST_CASE(completing_an_enrollment_escrows_a_key_matching_the_certificate) {
  const auto invited = add_one("alice");
  const auto result = complete(invited);
  BOOST_TEST(result.keys_in_history == 1);
  BOOST_TEST(!result.pkcs12.empty());
  BOOST_TEST(state_of("alice") == "active");
  const auto history = store::key_history_repository(kms.db()).list_for_user(invited.user_id);
  BOOST_TEST_REQUIRE(history.size() == 1u);
  BOOST_TEST(history[0].key_id == result.key_id);
  BOOST_TEST(history[0].serial_decimal == result.cert.serial_decimal());
  BOOST_TEST(arbor::km::unseal_user_key(kms.master(), history[0]).matches(result.cert));
}

BOOST_AUTO_TEST_CASE(the_default_user_key_is_rsa_2048) {
  BOOST_TEST(complete(add_one("alice")).cert.key_algorithm() == "RSA 2048");
}

BOOST_AUTO_TEST_CASE(a_ca_failure_stores_nothing_and_leaves_the_token_usable) {
  const auto invited = add_one("alice");
  ca.reachable = false;
  BOOST_CHECK_EXCEPTION(complete(invited), error, has_code(errc::ca_unreachable));
  BOOST_TEST(keys_of(invited.user_id) == 0);
  BOOST_TEST(state_of("alice") == "pending-enrollment");

  ca.reachable = true;
  BOOST_TEST(complete(invited).keys_in_history == 1);
}

BOOST_AUTO_TEST_CASE(a_certificate_for_another_key_is_refused_and_nothing_is_stored) {
  const auto invited = add_one("alice");
  ca.sign_another_key = true;
  BOOST_CHECK_EXCEPTION(complete(invited), error, has_code(errc::ca_error));
  BOOST_TEST(keys_of(invited.user_id) == 0);
}

BOOST_AUTO_TEST_CASE(a_used_token_is_refused) {
  const auto invited = add_one("alice");
  complete(invited);
  BOOST_CHECK_EXCEPTION(complete(invited), error, has_code(errc::conflict));
  BOOST_TEST(keys_of(invited.user_id) == 1);
}

BOOST_AUTO_TEST_CASE(an_expired_token_is_refused_before_the_ca_is_asked) {
  const auto invited = add_one("alice");
  clock.advance(workflows::enrollment_settings{}.token_lifetime_s);
  BOOST_CHECK_EXCEPTION(complete(invited), error, has_code(errc::bad_input));
  BOOST_TEST(ca.enrollments == 0);
}

BOOST_AUTO_TEST_CASE(another_users_token_is_refused) {
  const auto alice = add_one("alice");
  add_one("bob");
  BOOST_CHECK_EXCEPTION(workflows::complete_enrollment(kms, ca, "bob", alice.token, p12_password), error,
                        has_code(errc::not_found));
  BOOST_TEST(ca.enrollments == 0);
}

BOOST_AUTO_TEST_CASE(a_short_pkcs12_password_is_refused_before_anything_happens) {
  const auto invited = add_one("alice");
  BOOST_CHECK_EXCEPTION(workflows::complete_enrollment(kms, ca, "alice", invited.token, secret("short")), error,
                        has_code(errc::bad_input));
  BOOST_TEST(ca.enrollments == 0);
}

BOOST_AUTO_TEST_CASE(re_enrolling_adds_a_key_and_keeps_the_first) {
  const auto first = complete(add_one("alice"));
  const auto second = complete(workflows::reenroll_user(kms, "alice"));
  BOOST_TEST(second.keys_in_history == 2);
  const auto history = store::key_history_repository(kms.db()).list_for_user(first.user_id);
  BOOST_TEST_REQUIRE(history.size() == 2u);
  BOOST_TEST(history[0].key_id == first.key_id);
  BOOST_TEST(history[1].key_id == second.key_id);
}

BOOST_AUTO_TEST_CASE(re_enrolling_an_unknown_user_is_refused) {
  BOOST_CHECK_EXCEPTION(workflows::reenroll_user(kms, "nobody"), error, has_code(errc::not_found));
}

BOOST_AUTO_TEST_SUITE_END()
