#define BOOST_TEST_MODULE km_workflows_server_overview_test
// What the details pane lists, read through the workflows: the server's identity, the users'
// window, the warning about the initial password, and the interrupted exports resolved in the
// last week.
#include <boost/test/unit_test.hpp>

#include "unix_time.hpp"

#include "key_entry_fixture.hpp"
#include "instance/identity_name.hpp"
#include "instance/interrupted_exports.hpp"
#include "site_fixture.hpp"
#include "store/key_history.hpp"
#include "store/users.hpp"
#include "workflows/server_overview.hpp"

#include <unistd.h>

#include <array>
#include <filesystem>
#include <latch>
#include <thread>

using namespace arbor::km;

namespace {

std::string host_name() {
  std::array<char, 256> host{};
  BOOST_REQUIRE(gethostname(host.data(), host.size() - 1) == 0);
  const std::string name(host.data());
  return name.substr(0, name.find('.'));
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_new_key_manager_gets_its_initial_administrator_and_the_warning) {
  testing::scratch_dir dir;
  test_clock fixed{1'700'000'000};
  const workflows::site site{.data_dir = dir / "kmsdata", .identity = {crypto::key_type::ec_p384, "Test KMS"}, .argon2 = {1, 8, 1}, .clock = &fixed};
  auto codes = testing::cheap_codes();
  const auto overview = workflows::read_server_overview(site, 0, 10, codes);
  BOOST_TEST(overview.default_password_in_use);
  BOOST_TEST(overview.users_total == 0u);
  BOOST_TEST(overview.pending.empty());
  auto kms = workflows::open(site);
  BOOST_TEST(store::audit_log(kms.db()).recent(1).at(0).event == "administrator-added");
}

// The web console reads the details and prepares a task's login on two threads at once (the
// wizards' calls are outside its plugin gate): on a new directory both find it uninitialized, and
// the one that comes second must find the first one's Key Manager, not fail.
BOOST_AUTO_TEST_CASE(a_details_read_and_a_login_page_on_a_new_directory_at_once_both_open_it) {
  for (int attempt = 0; attempt < 4; ++attempt) {
    testing::scratch_dir dir;
    test_clock fixed{1'700'000'000};
    const workflows::site site{.data_dir = dir / "kmsdata", .identity = {crypto::key_type::ec_p384, "Test KMS"}, .argon2 = {1, 8, 1}, .clock = &fixed};
    std::latch together(2);
    std::string details_failure;
    std::string login_failure;
    std::thread details([&] {
      together.arrive_and_wait();
      try {
        auto codes = testing::cheap_codes();
        workflows::read_server_overview(site, 0, 10, codes);
      } catch (const std::exception& e) {
        details_failure = e.what();
      }
    });
    std::thread login([&] {
      together.arrive_and_wait();
      try {
        auto kms = workflows::open(site);
        workflows::login_needed(kms, site, "general");
      } catch (const std::exception& e) {
        login_failure = e.what();
      }
    });
    details.join();
    login.join();
    BOOST_TEST(details_failure == "");
    BOOST_TEST(login_failure == "");
  }
}

// Two demo servers on one machine were both "Key Management Service (vm)".
BOOST_AUTO_TEST_CASE(a_new_key_manager_is_named_after_its_host_and_data_directory) {
  testing::scratch_dir dir;
  test_clock fixed{1'700'000'000};
  const auto data = std::filesystem::absolute(dir / "kmsdata");
  const workflows::site site{.data_dir = data, .identity = {crypto::key_type::ec_p384, ""}, .argon2 = {1, 8, 1}, .clock = &fixed};
  auto codes = testing::cheap_codes();
  const auto overview = workflows::read_server_overview(site, 0, 10, codes);
  const auto expected = "CN=" + default_identity_name(host_name(), data);
  BOOST_TEST(overview.identity_subject == expected);
  BOOST_TEST(overview.identity_subject.find(":/") != std::string::npos);
}

// The identity is the server's key: a directory moved (or a host renamed) never gets a new one.
BOOST_AUTO_TEST_CASE(a_moved_directory_keeps_its_identity) {
  testing::scratch_dir dir;
  test_clock fixed{1'700'000'000};
  workflows::site site{.data_dir = std::filesystem::absolute(dir / "kmsdata"), .identity = {crypto::key_type::ec_p384, ""}, .argon2 = {1, 8, 1}, .clock = &fixed};
  auto codes = testing::cheap_codes();
  const auto before = workflows::read_server_overview(site, 0, 10, codes).identity_subject;
  std::filesystem::rename(site.data_dir, dir / "moved");
  site.data_dir = std::filesystem::absolute(dir / "moved");
  BOOST_TEST(workflows::read_server_overview(site, 0, 10, codes).identity_subject == before);
}

BOOST_FIXTURE_TEST_SUITE(server_overview, testing::site_fixture)

// Public facts, read with no login: the subject and the short code as Save the KMS Certificate
// shows it, computed once for as long as the certificate stays the same.
BOOST_AUTO_TEST_CASE(the_identity_subject_and_short_code_are_read_once) {
  int computed = 0;
  auto codes = testing::cheap_codes(&computed);
  const auto first = workflows::read_server_overview(site, 0, 10, codes);
  const auto again = workflows::read_server_overview(site, 0, 10, codes);
  BOOST_TEST(first.identity_subject == "CN=Test KMS");
  BOOST_TEST(first.short_code == "K7QM-3XPA");
  BOOST_TEST(again.short_code == "K7QM-3XPA");
  BOOST_TEST(computed == 1);
}

BOOST_AUTO_TEST_CASE(the_users_are_listed_in_the_window_asked_for_with_the_total) {
  store::user_repository users(kms.db());
  for (const char* alias : {"alice", "bob", "carol"})
    users.add({std::string("id-") + alias, alias, alias, std::string(alias) + "@example.org", "active", clock.now()});
  auto codes = testing::cheap_codes();
  const auto overview = workflows::read_server_overview(site, 1, 1, codes);
  BOOST_TEST(overview.users_total == 3u);
  BOOST_TEST_REQUIRE(overview.users.size() == 1u);
  BOOST_TEST(overview.users[0].alias == "bob");
  BOOST_TEST(overview.users[0].keys == 0u);
  BOOST_TEST(overview.users[0].certificate_status == "no key history");
}

BOOST_AUTO_TEST_CASE(an_active_user_whose_newest_certificate_is_revoked_needs_enrollment) {
  store::user_repository users(kms.db());
  store::key_history_repository keys(kms.db());
  const auto key = testing::test_key_entry;
  users.add({"id-ada", "ada", "Ada", "", "active", clock.now()});  // imported: revoked by the exporting server
  keys.append(key("id-ada", 0, store::key_status::revoked));
  users.add({"id-bob", "bob", "Bob", "", "active", clock.now()});  // re-enrolled: an older one revoked
  keys.append(key("id-bob", 0, store::key_status::revoked));
  keys.append(key("id-bob", 1, store::key_status::valid));
  users.add({"id-cy", "cy", "Cy", "", "pending-enrollment", clock.now()});  // already on the way
  keys.append(key("id-cy", 0, store::key_status::revoked));
  auto codes = testing::cheap_codes();
  const auto overview = workflows::read_server_overview(site, 0, 10, codes);
  BOOST_TEST_REQUIRE(overview.users.size() == 3u);
  BOOST_TEST(overview.users[0].needs_enrollment);
  BOOST_TEST(overview.users[0].certificate_status == "revoked");
  BOOST_TEST(!overview.users[1].needs_enrollment);
  BOOST_TEST(!overview.users[2].needs_enrollment);
}

BOOST_AUTO_TEST_CASE(only_the_last_weeks_resolved_exports_are_shown) {
  workflows::record_audit(kms, "system", interrupted_export_event, "old", workflows::audit_outcome::success);
  clock.advance(std::chrono::days(8));
  workflows::record_audit(kms, "system", interrupted_export_event, "new", workflows::audit_outcome::success);
  auto codes = testing::cheap_codes();
  const auto overview = workflows::read_server_overview(site, 0, 10, codes);
  BOOST_TEST_REQUIRE(overview.resolved_exports.size() == 1u);
  BOOST_TEST(overview.resolved_exports[0].detail == "new");
  BOOST_TEST(overview.resolved_exports[0].at == clock.now());
}

BOOST_AUTO_TEST_SUITE_END()
