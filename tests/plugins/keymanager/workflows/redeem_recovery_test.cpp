#define BOOST_TEST_MODULE workflows_redeem_recovery_test
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>

#include "escrow_fixture.hpp"
#include "workflows/recover_keys.hpp"
#include "workflows/redeem_recovery.hpp"

using namespace arbor::km;
using testing::has_code;

namespace {

struct redeem_recovery_fixture : testing::escrow_task_fixture {
  workflows::invitation recovery_token(const std::string& alias) { return workflows::recover_keys(kms, keys, {alias, "admin"}); }
  workflows::redeem_recovery_result redeem(const workflows::invitation& token, const std::string& file) {
    return workflows::redeem_recovery(
        kms, {{token.alias, token.token}, workflows::pkcs12_password(testing::user_password),
               workflows::new_file(dir / file, kms.directory().database_dir())},
        progress);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(redeem_recovery, redeem_recovery_fixture)

BOOST_AUTO_TEST_CASE(redeeming_gives_every_key_of_the_history) {
  enrolled("alice", 2);
  const auto recovered = redeem(recovery_token("alice"), "alice.p12");
  BOOST_TEST(recovered.keys == 2u);
  BOOST_TEST(std::filesystem::file_size(recovered.file) > 0u);
  BOOST_TEST(recovered.file == std::filesystem::absolute(dir / "alice.p12"));
}

BOOST_AUTO_TEST_CASE(a_recovery_token_works_once) {
  enrolled("alice");
  const auto token = recovery_token("alice");
  redeem(token, "first.p12");
  BOOST_CHECK_EXCEPTION(redeem(token, "second.p12"), error, has_code(errc::conflict));
  BOOST_TEST(!std::filesystem::exists(dir / "second.p12"));
}

BOOST_AUTO_TEST_CASE(an_enrollment_token_does_not_recover_keys) {
  enrolled("alice");
  const auto again = workflows::reenroll_user(kms, "alice");
  BOOST_CHECK_EXCEPTION(redeem(again, "alice.p12"), error, has_code(errc::bad_input));
  BOOST_CHECK_EXCEPTION(workflows::check_recovery_token(kms, {again.alias, again.token}), error,
                        has_code(errc::bad_input));
}

BOOST_AUTO_TEST_CASE(redeeming_is_audited_for_the_user_with_the_number_of_keys) {
  enrolled("alice", 2);
  redeem(recovery_token("alice"), "alice.p12");
  const auto entry = audited("recovery-redeemed");
  BOOST_TEST_REQUIRE(entry.has_value());
  BOOST_TEST(entry->actor == "user alice");
  BOOST_TEST(entry->detail == "alice keys 2");
}

BOOST_AUTO_TEST_CASE(checking_a_recovery_token_does_not_use_it) {
  enrolled("alice");
  const auto token = recovery_token("alice");
  workflows::check_recovery_token(kms, {token.alias, token.token});
  BOOST_TEST(redeem(token, "alice.p12").keys == 1u);
}

BOOST_AUTO_TEST_CASE(a_cancelled_redemption_leaves_the_token_usable) {
  enrolled("alice");
  const auto token = recovery_token("alice");
  testing::cancelled_progress cancelled;
  BOOST_CHECK_EXCEPTION(
      workflows::redeem_recovery(
          kms, {{token.alias, token.token}, workflows::pkcs12_password(testing::user_password),
                workflows::new_file(dir / "a.p12", kms.directory().database_dir())},
          cancelled),
      error, has_code(errc::cancelled));
  BOOST_TEST(redeem(token, "alice.p12").keys == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
