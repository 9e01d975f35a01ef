#define BOOST_TEST_MODULE km_workflows_sign_in_test
// The Key Management Service Login as the wizards reach it: what the page must ask, who logs
// in, and the audit of every attempt.
#include <boost/test/unit_test.hpp>

#include "site_fixture.hpp"
#include "workflows/administrators.hpp"
#include "workflows/password_policy.hpp"

#include <algorithm>
#include <chrono>
#include <latch>
#include <string>
#include <thread>
#include <vector>

using namespace arbor::km;

namespace {

auto has_code(errc code) {
  return [code](const error& e) { return e.code() == code; };
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_login_without_a_task_cannot_be_asked_for) {
  BOOST_CHECK_EXCEPTION(workflows::sign_in_request("", {{"admin", secret("password")}}), error,
                        has_code(errc::internal));
  BOOST_CHECK_NO_THROW(workflows::sign_in_request("general", {}));
}

BOOST_FIXTURE_TEST_SUITE(sign_in, testing::site_fixture)

BOOST_AUTO_TEST_CASE(a_new_key_manager_asks_one_administrator_and_warns_of_the_initial_password) {
  const auto demand = workflows::login_needed(kms, site, "export-users");
  BOOST_TEST(demand.administrators == 1);
  BOOST_TEST(demand.default_password_in_use);
}

BOOST_AUTO_TEST_CASE(the_right_password_signs_in_and_is_audited_as_a_login) {
  const auto who = as("export-users");
  BOOST_TEST(who.actor() == "admin");
  BOOST_TEST(who.task() == "export-users");
  const auto entry = last_audit();
  BOOST_TEST(entry.event == "login");
  BOOST_TEST((entry.outcome == store::audit_outcome::success));
  BOOST_TEST(entry.detail.find("task=export-users") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_wrong_password_is_refused_and_audited_without_the_password) {
  BOOST_CHECK_EXCEPTION(as("export-users", "admin", "guess-word"), error, has_code(errc::auth_failed));
  const auto entry = last_audit();
  BOOST_TEST(entry.event == "login");
  BOOST_TEST((entry.outcome == store::audit_outcome::failure));
  BOOST_TEST(entry.detail.find("guess-word") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_task_the_policy_gives_two_administrators_refuses_one) {
  workflows::change_administrators(kms, site, as(workflows::manage_administrators_task), admin_login(), secret(),
                                   workflows::administrator_change::add("second", workflows::new_password(secret("Second-Passw0rd!"))));
  workflows::change_password_policy(kms, site, as(workflows::manage_policy_task), admin_login(), secret(), {"export-users", 2});
  BOOST_TEST(workflows::login_needed(kms, site, "export-users").administrators == 2);
  BOOST_CHECK_EXCEPTION(as("export-users"), error, has_code(errc::auth_failed));
  const auto both = workflows::sign_in(
      kms, site, {"export-users", {{"admin", secret("password")}, {"second", secret("Second-Passw0rd!")}}});
  BOOST_TEST(both.actor() == "admin, second");
}

BOOST_AUTO_TEST_SUITE_END()

// A login holds the database's write lock while it checks passwords (Argon2id, slow on purpose).
// Logins made at once on one Key Manager (the web console's tasks, each on a thread and a
// connection of its own) wait for each other in turn, however long the line, instead of the
// last ones failing "busy" after SQLite's 5 s.
BOOST_AUTO_TEST_CASE(logins_checked_at_once_wait_for_each_other_without_failing_busy) {
  testing::scratch_dir dir;
  test_clock fixed{1'700'000'000};
  const workflows::site site{.data_dir = dir / "kmsdata", .identity = {crypto::key_type::ec_p384, "Test KMS"},
                             .argon2 = {.iterations = 4, .memory_kib = 32 * 1024, .parallelism = 1}, .clock = &fixed};
  {
    auto kms = workflows::open(site);
    workflows::login_needed(kms, site, "general");
  }
  const auto one_login = [&](const std::string& name) -> std::string {
    try {
      auto kms = workflows::open(site);
      workflows::sign_in(kms, site, {"general", {{name, secret("wrong")}}});
      return "granted";
    } catch (const error& e) {
      return e.code() == errc::auth_failed ? "refused" : std::string("failed: ") + e.what();
    }
  };
  const auto started = std::chrono::steady_clock::now();
  BOOST_TEST_REQUIRE(one_login("nobody-0") == "refused");
  const auto each = std::chrono::steady_clock::now() - started;
  // Enough logins for the line to outlast the busy timeout by a second.
  const auto count = std::min<std::size_t>(24, static_cast<std::size_t>(std::chrono::seconds(6) / each) + 1);
  BOOST_TEST_MESSAGE("one login: " << std::chrono::duration_cast<std::chrono::milliseconds>(each).count() << " ms; "
                                   << count << " at once");
  std::latch together(static_cast<std::ptrdiff_t>(count));
  std::vector<std::string> outcomes(count);
  std::vector<std::thread> logins;
  for (std::size_t i = 0; i < count; ++i)
    logins.emplace_back([&, i] {
      together.arrive_and_wait();
      outcomes[i] = one_login("nobody-" + std::to_string(i + 1));
    });
  for (auto& t : logins) t.join();
  for (const auto& outcome : outcomes) BOOST_TEST(outcome == "refused");
}
