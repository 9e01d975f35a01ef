#define BOOST_TEST_MODULE workflows_complete_enrollment_test
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "escrow_fixture.hpp"
#include "instance/key_sealing.hpp"
#include "store/key_history.hpp"
#include "store/users.hpp"
#include "workflows/complete_enrollment.hpp"
#include "workflows/enrollment_settings.hpp"

using namespace arbor::km;
using testing::has_code;

namespace {

struct complete_enrollment_fixture : testing::escrow_task_fixture {
  std::int64_t keys_of(const std::string& user_id) {
    return store::key_history_repository(kms.db()).count_for_user(user_id);
  }
  std::string state_of(const std::string& alias) { return store::user_repository(kms.db()).find_by_alias(alias)->state; }
  workflows::complete_enrollment_request request(const workflows::invitation& invited, const std::string& file) {
    return {{invited.alias, invited.token}, workflows::pkcs12_password(testing::user_password),
            workflows::new_file(dir / file, kms.directory().database_dir())};
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(complete_enrollment, complete_enrollment_fixture)

BOOST_AUTO_TEST_CASE(completing_an_enrollment_escrows_a_key_matching_the_certificate) {
  const auto invited = invite("alice", "User alice");
  const auto result = issue_key(invited);
  BOOST_TEST(result.keys_in_history == 1);
  BOOST_TEST(!result.pkcs12.empty());
  BOOST_TEST(state_of("alice") == "active");
  const auto history = store::key_history_repository(kms.db()).list_for_user(invited.user_id);
  BOOST_TEST_REQUIRE(history.size() == 1u);
  BOOST_TEST(history[0].key_id == result.key_id);
  BOOST_TEST(history[0].serial_decimal == result.cert.serial_decimal());
  BOOST_TEST(arbor::km::unseal_user_key(keys, history[0]).matches(result.cert));
}

BOOST_AUTO_TEST_CASE(the_default_user_key_is_rsa_2048) {
  BOOST_TEST(issue_key(invite("alice")).cert.key_algorithm() == "RSA 2048");
}

BOOST_AUTO_TEST_CASE(a_ca_failure_stores_nothing_and_leaves_the_token_usable) {
  const auto invited = invite("alice");
  ca.reachable = false;
  BOOST_CHECK_EXCEPTION(issue_key(invited), error, has_code(errc::ca_unreachable));
  BOOST_TEST(keys_of(invited.user_id) == 0);
  BOOST_TEST(state_of("alice") == "pending-enrollment");

  ca.reachable = true;
  BOOST_TEST(issue_key(invited).keys_in_history == 1);
}

BOOST_AUTO_TEST_CASE(a_certificate_for_another_key_is_refused_and_nothing_is_stored) {
  const auto invited = invite("alice");
  ca.sign_another_key = true;
  BOOST_CHECK_EXCEPTION(issue_key(invited), error, has_code(errc::ca_error));
  BOOST_TEST(keys_of(invited.user_id) == 0);
}

BOOST_AUTO_TEST_CASE(a_used_token_is_refused) {
  const auto invited = invite("alice");
  issue_key(invited);
  BOOST_CHECK_EXCEPTION(issue_key(invited), error, has_code(errc::conflict));
  BOOST_TEST(keys_of(invited.user_id) == 1);
}

BOOST_AUTO_TEST_CASE(an_expired_token_is_refused_before_the_ca_is_asked) {
  const auto invited = invite("alice");
  clock.advance(std::chrono::seconds(workflows::enrollment_settings{}.token_lifetime_s));
  BOOST_CHECK_EXCEPTION(issue_key(invited), error, has_code(errc::bad_input));
  BOOST_CHECK_EXCEPTION(workflows::check_enrollment_token(kms, {invited.alias, invited.token}), error,
                        has_code(errc::bad_input));
  BOOST_TEST(ca.enrollments == 0);
}

BOOST_AUTO_TEST_CASE(another_users_token_is_refused) {
  const auto alice = invite("alice");
  invite("bob");
  BOOST_CHECK_EXCEPTION(workflows::issue_user_key(kms, ca, {"bob", alice.token}, workflows::pkcs12_password(testing::user_password)),
                        error, has_code(errc::not_found));
  BOOST_TEST(ca.enrollments == 0);
}

BOOST_AUTO_TEST_CASE(a_short_pkcs12_password_is_refused_before_anything_happens) {
  invite("alice");
  BOOST_CHECK_EXCEPTION(workflows::pkcs12_password(secret("short")), error, has_code(errc::bad_input));
  BOOST_TEST(ca.enrollments == 0);
}

BOOST_AUTO_TEST_CASE(re_enrolling_adds_a_key_and_keeps_the_first) {
  const auto first = issue_key(invite("alice"));
  const auto second = issue_key(workflows::reenroll_user(kms, "alice"));
  BOOST_TEST(second.keys_in_history == 2);
  const auto history = store::key_history_repository(kms.db()).list_for_user(first.user_id);
  BOOST_TEST_REQUIRE(history.size() == 2u);
  BOOST_TEST(history[0].key_id == first.key_id);
  BOOST_TEST(history[1].key_id == second.key_id);
}

BOOST_AUTO_TEST_CASE(checking_a_token_does_not_use_it) {
  const auto invited = invite("alice");
  workflows::check_enrollment_token(kms, {invited.alias, invited.token});
  BOOST_TEST(issue_key(invited).keys_in_history == 1);
}

BOOST_AUTO_TEST_CASE(the_workflow_saves_the_file_for_the_user_alone_and_audits_the_key) {
  const auto invited = invite("alice");
  const auto result = workflows::complete_enrollment(kms, ca, request(invited, "alice.p12"), progress);
  BOOST_TEST(result.file == std::filesystem::absolute(dir / "alice.p12"));
  BOOST_TEST(std::filesystem::file_size(result.file) > 0u);
  struct stat info {};
  BOOST_TEST_REQUIRE(::stat(result.file.c_str(), &info) == 0);
  BOOST_TEST((info.st_mode & 0777) == 0600u);
  BOOST_TEST(result.keys_in_history == 1);
  BOOST_TEST(result.key_algorithm == "RSA 2048");
  BOOST_TEST(result.sha1_thumbprint.size() == 59u);  // 20 bytes as colon-separated pairs
  const auto entry = audited("enrollment-completed");
  BOOST_TEST_REQUIRE(entry.has_value());
  BOOST_TEST(entry->actor == "user alice");
  BOOST_TEST(entry->detail == "alice key 1 serial " + result.serial_hex);
}

BOOST_AUTO_TEST_CASE(an_existing_file_is_kept_and_the_user_is_told_the_key_is_safe) {
  const auto invited = invite("alice");
  const auto asked = request(invited, "taken.p12");
  std::ofstream(dir / "taken.p12") << "someone else's";  // appeared after the page was checked
  BOOST_CHECK_EXCEPTION(workflows::complete_enrollment(kms, ca, asked, progress), error,
                        [](const error& e) { return std::string(e.what()).find("Your keys are safe") != std::string::npos; });
  BOOST_TEST(std::filesystem::file_size(dir / "taken.p12") == 14u);
  BOOST_TEST(keys_of(invited.user_id) == 1);
  BOOST_TEST(!audited("enrollment-completed").has_value());
}

BOOST_AUTO_TEST_CASE(a_cancelled_completion_asks_the_ca_nothing) {
  const auto invited = invite("alice");
  testing::cancelled_progress cancelled;
  BOOST_CHECK_EXCEPTION(workflows::complete_enrollment(kms, ca, request(invited, "alice.p12"), cancelled), error,
                        has_code(errc::cancelled));
  BOOST_TEST(ca.enrollments == 0);
  BOOST_TEST(!std::filesystem::exists(dir / "alice.p12"));
}

BOOST_AUTO_TEST_SUITE_END()
