#define BOOST_TEST_MODULE escrow_recovery_test
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "workflows/enrollment.hpp"
#include "workflows/recovery.hpp"
#include "workflow_fixture.hpp"

using namespace arbor::km;

namespace {

const secret p12_password("user-chosen-pw");

auto has_code(errc code) {
  return [code](const error& e) { return e.code() == code; };
}

struct recovery_fixture : testing::escrow_fixture {
  workflows::invitation add(const std::string& alias) {
    std::vector<workflows::new_user> users{{alias, "", alias + "@example.org", {}}};
    return std::move(workflows::enroll_users(kms, users).front());
  }
  void complete(const workflows::invitation& invited) {
    workflows::complete_enrollment(kms, ca, invited.alias, invited.token, p12_password);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(recovery, recovery_fixture)

BOOST_AUTO_TEST_CASE(redeeming_gives_every_key_of_the_history) {
  complete(add("alice"));
  complete(workflows::reenroll_user(kms, "alice"));
  const auto token = workflows::issue_recovery_token(kms, "alice");
  const auto recovered = workflows::redeem_recovery(kms, "alice", token.token, p12_password);
  BOOST_TEST(recovered.keys == 2u);
  BOOST_TEST(!recovered.pkcs12.empty());
}

BOOST_AUTO_TEST_CASE(a_recovery_token_works_once) {
  complete(add("alice"));
  const auto token = workflows::issue_recovery_token(kms, "alice");
  workflows::redeem_recovery(kms, "alice", token.token, p12_password);
  BOOST_CHECK_EXCEPTION(workflows::redeem_recovery(kms, "alice", token.token, p12_password), error,
                        has_code(errc::conflict));
}

BOOST_AUTO_TEST_CASE(a_user_who_never_enrolled_has_nothing_to_recover) {
  add("bob");
  BOOST_CHECK_EXCEPTION(workflows::issue_recovery_token(kms, "bob"), error, has_code(errc::bad_input));
}

BOOST_AUTO_TEST_CASE(an_enrollment_token_does_not_recover_keys) {
  const auto invited = add("alice");
  complete(invited);
  const auto again = workflows::reenroll_user(kms, "alice");
  BOOST_CHECK_EXCEPTION(workflows::redeem_recovery(kms, "alice", again.token, p12_password), error,
                        has_code(errc::bad_input));
}

BOOST_AUTO_TEST_SUITE_END()
