#define BOOST_TEST_MODULE km_workflows_upgrade_keys_test
// The upgrade from master.key to keyslots at the first login (workflows/upgrade_keys.hpp), on a
// copy of a Key Manager the code before issue 14 made (tests/fixtures/legacy-kmsdata): every key
// comes out identical and opens with the administrator's password only; a refused login, or one
// with fewer administrators than the key-opening tasks need, changes nothing.
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "escrow_fixture.hpp"
#include "legacy_kmsdata.hpp"
#include "store/audit_log.hpp"
#include "store/backup.hpp"
#include "workflows/sign_in.hpp"

using namespace arbor::km;
namespace fs = std::filesystem;
namespace legacy = testing::legacy;

namespace {

// A file that is no SQLite file (master.key, kms.key.sealed, kms.crt), as bytes.
std::string bytes_of(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

auto refused_with(errc code, const std::string& words) {
  return [code, words](const error& e) {
    BOOST_TEST_MESSAGE("refused: " << e.what());
    return e.code() == code && std::string(e.what()).find(words) != std::string::npos;
  };
}

struct legacy_kms {
  testing::scratch_dir dir;
  test_clock clock{1'760'000'000};  // 2025-10-09: after the fixture's backup
  workflows::site site = testing::test_site(dir / "kmsdata", {}, clock);
  const std::string master_key = bytes_of(legacy::fixture / "kmsdata" / "master.key");

  legacy_kms() { legacy::copy_kmsdata(site.data_dir); }

  fs::path file(const std::string& name) const { return site.data_dir / name; }

  workflows::authorization log_in(key_manager& kms, const char* password = legacy::admin_password) {
    return workflows::sign_in(kms, site, {"back-up-database", {{legacy::admin_name, secret(password)}}});
  }

  static legacy::key_digests keys_now(key_manager& kms) {
    return legacy::keys_in(testing::admin_keys(kms, legacy::admin_name, legacy::admin_password), kms.db());
  }

  // Every sealed key as stored, by its place: to see that nothing was re-sealed.
  static std::map<std::string, std::vector<std::uint8_t>> sealed_keys(key_manager& kms) {
    std::map<std::string, std::vector<std::uint8_t>> sealed;
    store::key_history_repository(kms.db()).for_each_sealed_key(
        [&](const store::sealed_key_row& row) { sealed[key_binding(row.user_id, row.key_id)] = row.sealed_key; });
    return sealed;
  }

  static std::vector<store::audit_entry> upgrades(key_manager& kms) {
    return store::audit_log(kms.db()).events_since("keys-upgraded", std::chrono::sys_seconds{}, 10);
  }

  // The files in backups/ whose names start with `prefix`.
  std::vector<fs::path> in_backups(const std::string& prefix) const {
    std::vector<fs::path> found;
    for (const auto& entry : fs::directory_iterator(file("backups")))
      if (entry.path().filename().string().rfind(prefix, 0) == 0) found.push_back(entry.path());
    return found;
  }

  // What must not change while the upgrade is refused.
  void check_not_upgraded(key_manager& kms, const std::map<std::string, std::vector<std::uint8_t>>& sealed_before) {
    BOOST_TEST((kms.status() == key_manager::state::upgrade_needed));
    BOOST_TEST(!kms.vault().exists());
    BOOST_TEST(bytes_of(file("master.key")) == master_key);
    BOOST_TEST(bytes_of(file("kms.key.sealed")) == bytes_of(legacy::fixture / "kmsdata" / "kms.key.sealed"));
    BOOST_TEST(store::list_backups(kms.directory()).size() == 1u);  // the fixture's own
    BOOST_TEST(in_backups("master.key").empty());
    BOOST_TEST((sealed_keys(kms) == sealed_before));
    BOOST_TEST((workflows::open(site).status() == key_manager::state::upgrade_needed));
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(upgrade_keys, legacy_kms)

BOOST_AUTO_TEST_CASE(before_the_first_login_no_key_can_be_stored) {
  auto kms = workflows::open(site);
  BOOST_TEST((kms.status() == key_manager::state::upgrade_needed));
  BOOST_CHECK_EXCEPTION(kms.escrow_public_key(), error, refused_with(errc::bad_input, "an administrator has to log in"));

  // Complete Enrollment is refused before the CA is asked, and its token stays usable.
  testing::fake_certificate_services ca;
  const std::vector<workflows::new_user> frank{{"frank", "", "frank@example.org"}};
  const auto invited = workflows::add_users(kms, frank).front();
  const auto enroll = [&] {
    return workflows::issue_user_key(kms, ca, {invited.alias, invited.token}, workflows::pkcs12_password(testing::user_password));
  };
  BOOST_CHECK_EXCEPTION(enroll(), error, refused_with(errc::bad_input, "an administrator has to log in"));
  BOOST_TEST(ca.enrollments == 0);
  BOOST_TEST(store::key_history_repository(kms.db()).count_for_user(invited.user_id) == 0);

  log_in(kms);
  const auto issued = enroll();
  const auto history = store::key_history_repository(kms.db()).list_for_user(invited.user_id);
  BOOST_TEST_REQUIRE(history.size() == 1u);
  BOOST_TEST(unseal_user_key(testing::admin_keys(kms, legacy::admin_name, legacy::admin_password), history[0])
                 .matches(issued.cert));
}

BOOST_AUTO_TEST_CASE(the_first_login_upgrades_and_every_key_comes_out_identical) {
  const auto certificate = bytes_of(file("kms.crt"));
  auto kms = workflows::open(site);
  log_in(kms);

  BOOST_TEST((kms.status() == key_manager::state::ready));
  BOOST_TEST(!fs::exists(file("master.key")));
  BOOST_TEST(!fs::exists(file("kms.key.sealed")));
  BOOST_TEST(in_backups("master.key").empty());  // not kept unless asked
  const auto backups = store::list_backups(kms.directory());
  BOOST_TEST_REQUIRE(backups.size() == 2u);
  const auto taken = backups.front().filename().string();  // newest first
  BOOST_TEST(taken != "kms-20250601T011500Z.db");

  const auto audited = upgrades(kms);
  BOOST_TEST_REQUIRE(audited.size() == 1u);
  BOOST_TEST((audited[0].outcome == store::audit_outcome::success));
  BOOST_TEST(audited[0].actor == "admin");
  BOOST_TEST(audited[0].detail.find("keys re-sealed=7") != std::string::npos, audited[0].detail);
  BOOST_TEST(audited[0].detail.find("backup " + taken + " still needs the old master.key") != std::string::npos,
             audited[0].detail);

  legacy::check_same_keys(keys_now(kms), legacy::expected_keys());
  BOOST_TEST(bytes_of(file("kms.crt")) == certificate);

  auto again = workflows::open(site);
  BOOST_TEST((again.status() == key_manager::state::ready));
  BOOST_TEST(again.certificate().der() == kms.certificate().der());
  legacy::check_same_keys(keys_now(again), legacy::expected_keys());
}

BOOST_AUTO_TEST_CASE(a_wrong_password_upgrades_nothing) {
  auto kms = workflows::open(site);
  const auto sealed = sealed_keys(kms);
  BOOST_CHECK_EXCEPTION(log_in(kms, "not-the-password"), error, refused_with(errc::auth_failed, ""));
  BOOST_TEST(upgrades(kms).empty());
  check_not_upgraded(kms, sealed);
}

BOOST_AUTO_TEST_CASE(kept_on_request_the_master_key_lands_in_backups_private_and_unchanged) {
  site.keep_legacy_master_key = true;
  auto kms = workflows::open(site);
  log_in(kms);
  BOOST_TEST(!fs::exists(file("master.key")));
  const auto kept = in_backups("master.key");
  BOOST_TEST_REQUIRE(kept.size() == 1u);
  struct stat facts {};
  BOOST_TEST_REQUIRE(::lstat(kept[0].c_str(), &facts) == 0);
  BOOST_TEST(S_ISREG(facts.st_mode));
  BOOST_TEST((facts.st_mode & 07777) == 0600u);
  BOOST_TEST(bytes_of(kept[0]) == master_key);
  const auto audited = upgrades(kms);
  BOOST_TEST_REQUIRE(audited.size() == 1u);
  BOOST_TEST(audited[0].detail.find(kept[0].string()) != std::string::npos, audited[0].detail);
  legacy::check_same_keys(keys_now(kms), legacy::expected_keys());
}

BOOST_AUTO_TEST_CASE(a_key_policy_of_two_refuses_the_upgrade_by_one_administrator) {
  {
    store::sqlite::connection db(file("database/kms.db"), {.create = false});
    db.exec("INSERT INTO password_policy (task, required) VALUES ('export-users', 2), ('import-users', 2), "
            "('recover-keys', 2), ('restore-database', 2)");
  }
  auto kms = workflows::open(site);
  const auto sealed = sealed_keys(kms);
  BOOST_CHECK_EXCEPTION(log_in(kms), error, refused_with(errc::auth_failed, "need 2 administrators"));
  const auto audited = upgrades(kms);
  BOOST_TEST_REQUIRE(audited.size() == 1u);
  BOOST_TEST((audited[0].outcome == store::audit_outcome::failure));
  check_not_upgraded(kms, sealed);
}

BOOST_AUTO_TEST_SUITE_END()
