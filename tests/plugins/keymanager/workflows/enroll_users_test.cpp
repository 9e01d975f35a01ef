#define BOOST_TEST_MODULE workflows_enroll_users_test
#include <boost/test/unit_test.hpp>

#include "unix_time.hpp"

#include <string>
#include <vector>

#include "escrow_fixture.hpp"
#include "store/key_history.hpp"
#include "store/users.hpp"
#include "workflows/enroll_users.hpp"
#include "workflows/enrollment_settings.hpp"

using namespace arbor::km;
using testing::has_code;
using workflows::enroll_users_request;
using workflows::new_user;

namespace {

struct enroll_users_fixture : testing::escrow_task_fixture {
  std::int64_t keys_of(const std::string& user_id) {
    return store::key_history_repository(kms.db()).count_for_user(user_id);
  }
  std::string state_of(const std::string& alias) { return store::user_repository(kms.db()).find_by_alias(alias)->state; }
  workflows::enroll_users_result enroll(std::vector<new_user> users) {
    return workflows::enroll_users(kms, enroll_users_request::add(std::move(users), "admin"), progress);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(enroll_users, enroll_users_fixture)

BOOST_AUTO_TEST_CASE(added_users_wait_for_enrollment_with_a_token_of_the_default_lifetime) {
  const auto invited = invite("alice", "User alice");
  BOOST_TEST(invited.token.size() == 32u);
  BOOST_TEST(invited.expires_at == clock.now() + std::chrono::seconds(workflows::enrollment_settings{}.token_lifetime_s));
  BOOST_TEST(state_of("alice") == "pending-enrollment");
  BOOST_TEST(keys_of(invited.user_id) == 0);
}

BOOST_AUTO_TEST_CASE(an_existing_alias_refuses_the_whole_list_and_adds_nobody) {
  invite("alice");
  std::vector<new_user> users{{"bob", "Bob", "bob@example.org", "line 2 of users.csv"},
                              {"ALICE", "Alice", "alice@example.org", "line 3 of users.csv"}};
  BOOST_CHECK_EXCEPTION(enroll(users), error, [](const error& e) {
    return e.code() == errc::conflict && std::string(e.what()).find("line 3 of users.csv") != std::string::npos;
  });
  BOOST_TEST(!store::user_repository(kms.db()).find_by_alias("bob"));
}

BOOST_AUTO_TEST_CASE(re_enrolling_an_unknown_user_is_refused) {
  BOOST_CHECK_EXCEPTION(workflows::reenroll_user(kms, "nobody"), error, has_code(errc::not_found));
  BOOST_CHECK_EXCEPTION(workflows::enroll_users(kms, enroll_users_request::reenroll("nobody", "admin"), progress), error,
                        has_code(errc::not_found));
}

BOOST_AUTO_TEST_CASE(enrolling_audits_the_aliases_and_returns_the_message_to_users) {
  const auto result = enroll({{"alice", "", "alice@example.org"}, {"bob", "", "bob@example.org"}});
  BOOST_TEST_REQUIRE(result.invitations.size() == 2u);
  BOOST_TEST(result.invitations[0].alias == "alice");
  BOOST_TEST(result.invitations[1].alias == "bob");
  BOOST_TEST(result.user_message == workflows::read_enrollment_settings(kms.db()).user_message);
  const auto entry = audited("users-enrolled");
  BOOST_TEST_REQUIRE(entry.has_value());
  BOOST_TEST(entry->actor == "admin");
  BOOST_TEST(entry->detail == "alice, bob");
}

BOOST_AUTO_TEST_CASE(re_enrolling_gives_an_existing_user_a_new_token_and_is_audited) {
  const auto first = invite("alice");
  const auto result = workflows::enroll_users(kms, enroll_users_request::reenroll("alice", "admin"), progress);
  BOOST_TEST_REQUIRE(result.invitations.size() == 1u);
  BOOST_TEST(result.invitations[0].user_id == first.user_id);
  BOOST_TEST(!(result.invitations[0].token == first.token));
  const auto entry = audited("user-re-enrolled");
  BOOST_TEST_REQUIRE(entry.has_value());
  BOOST_TEST(entry->detail == "alice");
}

BOOST_AUTO_TEST_CASE(a_cancelled_enrollment_adds_nobody_and_audits_nothing) {
  testing::cancelled_progress cancelled;
  BOOST_CHECK_EXCEPTION(
      workflows::enroll_users(kms, enroll_users_request::add({{"alice", "", "alice@example.org"}}, "admin"), cancelled),
      error, has_code(errc::cancelled));
  BOOST_TEST(!store::user_repository(kms.db()).find_by_alias("alice"));
  BOOST_TEST(!audited("users-enrolled").has_value());
}

BOOST_AUTO_TEST_CASE(a_request_without_users_is_refused) {
  BOOST_CHECK_EXCEPTION(enroll_users_request::add({}, "admin"), error, [](const error& e) {
    return e.code() == errc::bad_input && std::string(e.what()) == "There are no users to add.";
  });
}

BOOST_AUTO_TEST_CASE(a_re_enrollment_without_an_alias_is_refused) {
  BOOST_CHECK_EXCEPTION(enroll_users_request::reenroll("", "admin"), error, has_code(errc::bad_input));
}

BOOST_AUTO_TEST_SUITE_END()
