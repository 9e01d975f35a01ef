#define BOOST_TEST_MODULE keymanager_upgrade_integration_test
// The upgrade from master.key through `arbor run`, on a copy of a Key Manager the code before
// issue 14 made (tests/fixtures/legacy-kmsdata): killed with SIGKILL on either side of the
// upgrade's commit, no key is lost (the next run upgrades, or finishes the upgrade) and every key
// comes out identical; then the attacker who copies the upgraded KMSData, backups and all, opens
// nothing (tests/attack/open_kmsdata.py), unless the operator kept master.key, which opens the
// backups taken before the upgrade and nothing else.
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "legacy_kmsdata.hpp"
#include "server_keys.hpp"

using arbor::test::kms_server;
using arbor::test::quoted;
using arbor::test::shell;

namespace fs = std::filesystem;
namespace legacy = arbor::km::testing::legacy;

using arbor::test::armed_failpoint;
using arbor::test::killed;

namespace {



// A file that is no SQLite file (master.key and its kept copy), as bytes.
std::string bytes_of(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The fixture's Key Manager as a server's KMSData.
struct legacy_server {
  kms_server kms{"upgrade"};
  const std::string master_key = bytes_of(legacy::fixture / "kmsdata" / "master.key");

  legacy_server() { legacy::copy_kmsdata(kms.data()); }

  // A task that logs in, and so upgrades.
  arbor::test::arbor_result back_up() const {
    return kms.run("back-up-database", arbor::test::login_as(legacy::admin_name), {legacy::admin_password});
  }

  bool has_vault() const {
    arbor::km::store::sqlite::connection db(kms.db(), {.create = false});
    return arbor::km::vault(db).exists();
  }

  legacy::key_digests keys() const {
    arbor::km::store::sqlite::connection db(kms.db(), {.create = false});
    return legacy::keys_in(arbor::test::keys_of(kms, legacy::admin_password), db);
  }

  // The upgrade is complete: the old key files are gone and every key opens, identical, with
  // the administrator's password.
  void check_upgraded() const {
    BOOST_TEST(!fs::exists(kms.data() / "master.key"));
    BOOST_TEST(!fs::exists(kms.data() / "kms.key.sealed"));
    BOOST_TEST_REQUIRE(has_vault());
    legacy::check_same_keys(keys(), legacy::expected_keys());
    BOOST_TEST(kms.sql("SELECT count(*) FROM audit_log WHERE event = 'keys-upgraded' AND outcome = 'success';") ==
               "1\n");
  }

  // The master.key copies in backups/.
  std::vector<fs::path> kept_keys() const {
    std::vector<fs::path> kept;
    for (const auto& entry : fs::directory_iterator(kms.data() / "backups"))
      if (entry.path().filename().string().rfind("master.key", 0) == 0) kept.push_back(entry.path());
    return kept;
  }

  void check_kept_key() const {
    const auto kept = kept_keys();
    BOOST_TEST_REQUIRE(kept.size() == 1u);
    struct stat facts {};
    BOOST_TEST_REQUIRE(::lstat(kept[0].c_str(), &facts) == 0);
    BOOST_TEST((facts.st_mode & 07777) == 0600u);
    BOOST_TEST(bytes_of(kept[0]) == master_key);
  }

  // What the attacker's script opens in a copy of the KMSData, backups included: the lines it
  // printed, its exit status last.
  std::vector<std::string> attack() const {
    const auto copy = kms.root() / "attacker";
    shell("cp -a " + quoted(kms.data().string()) + " " + quoted(copy.string()));
    std::istringstream out(shell(ARBOR_PYTHON " " + quoted(ARBOR_ATTACK_SCRIPT) + " " + quoted(copy.string()) +
                                 " 2>&1; echo \"exit $?\""));
    std::vector<std::string> lines;
    for (std::string line; std::getline(out, line);) lines.push_back(line);
    return lines;
  }
};

// An item the attacker opened: (file, associated data, PKCS#8 SHA-256), from a line such as
// "opened backups/x.db table key_history row 2 column sealed_key: AES-256-GCM with the key from
// backups/master.key..., associated data 'user:u/key:k': EC prime256v1 private key, PKCS#8 sha256 ab12...".
using opened_item = std::tuple<std::string, std::string, std::string>;

std::set<opened_item> opened_items(const std::vector<std::string>& lines) {
  std::set<opened_item> items;
  const std::string data = "associated data '", digest = "PKCS#8 sha256 ";
  for (const auto& line : lines) {
    if (line.rfind("opened ", 0) != 0 || line.find(data) == std::string::npos) continue;
    const auto file_end = line.find_first_of(" :", 7);
    const auto binding = line.find(data) + data.size();
    const auto sha = line.rfind(digest);
    items.emplace(line.substr(7, file_end - 7), line.substr(binding, line.find('\'', binding) - binding),
                  sha == std::string::npos ? std::string() : line.substr(sha + digest.size()));
  }
  return items;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  return text;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(upgrade, legacy_server)

BOOST_AUTO_TEST_CASE(killed_before_the_commit_master_key_stays_and_the_next_run_upgrades) {
  {
    armed_failpoint armed("upgrade-before-commit");
    const auto r = back_up();
    BOOST_TEST(r.exit_code == killed, r.out + r.err);
  }
  BOOST_TEST(bytes_of(kms.data() / "master.key") == master_key);
  BOOST_TEST(fs::exists(kms.data() / "kms.key.sealed"));
  BOOST_TEST(!has_vault());

  const auto r = back_up();
  BOOST_TEST_REQUIRE(r.exit_code == 0, r.out + r.err);
  check_upgraded();
}

BOOST_AUTO_TEST_CASE(killed_after_the_commit_the_next_run_finishes_the_upgrade) {
  {
    armed_failpoint armed("upgrade-after-commit");
    const auto r = back_up();
    BOOST_TEST(r.exit_code == killed, r.out + r.err);
  }
  BOOST_TEST(has_vault());
  BOOST_TEST(fs::exists(kms.data() / "master.key"));  // cut off before its removal

  const auto r = back_up();
  BOOST_TEST_REQUIRE(r.exit_code == 0, r.out + r.err);
  check_upgraded();
}

BOOST_AUTO_TEST_CASE(killed_after_the_commit_a_master_key_kept_on_request_is_still_kept) {
  kms.configure("keys.keep-legacy-master-key=true");
  {
    armed_failpoint armed("upgrade-after-commit");
    BOOST_TEST(back_up().exit_code == killed);
  }
  const auto r = back_up();
  BOOST_TEST_REQUIRE(r.exit_code == 0, r.out + r.err);
  check_upgraded();
  check_kept_key();
}

BOOST_AUTO_TEST_CASE(after_the_upgrade_the_attacker_opens_nothing_not_even_in_the_backups_taken_before) {
  const auto r = back_up();
  BOOST_TEST_REQUIRE(r.exit_code == 0, r.out + r.err);
  check_upgraded();
  const auto lines = attack();
  BOOST_TEST_REQUIRE(lines.size() >= 2u, joined(lines));
  BOOST_TEST(lines[lines.size() - 2] == "opened 0 items", joined(lines));
  BOOST_TEST(lines.back() == "exit 0", joined(lines));
}

// The positive control: the kept copy opens exactly what the warning says, the backups taken
// before the upgrade (the fixture's own and the upgrade's), and nothing of the upgraded database.
BOOST_AUTO_TEST_CASE(a_master_key_kept_on_request_opens_the_backups_taken_before_and_nothing_else) {
  kms.configure("keys.keep-legacy-master-key=true");
  const auto r = back_up();
  BOOST_TEST_REQUIRE(r.exit_code == 0, r.out + r.err);
  check_kept_key();
  // Three backups: the fixture's, the upgrade's (named by its audit entry) and the task's own,
  // taken after the upgrade, which the old key does not open.
  std::size_t backups = 0;
  for (const auto& entry : fs::directory_iterator(kms.data() / "backups")) backups += entry.path().extension() == ".db";
  BOOST_TEST(backups == 3u);
  const auto audited = kms.sql("SELECT detail FROM audit_log WHERE event = 'keys-upgraded';");
  const auto named = audited.find("backup kms-");
  BOOST_TEST_REQUIRE(named != std::string::npos, audited);
  const auto upgrades_backup = audited.substr(named + 7, audited.find(' ', named + 7) - named - 7);
  BOOST_TEST_REQUIRE(fs::exists(kms.data() / "backups" / upgrades_backup), upgrades_backup);

  std::set<opened_item> expected;
  const auto add = [&](const std::string& backup, const legacy::key_digests& keys) {
    for (const auto& [place, digest] : keys)
      if (place != "identity") expected.emplace("backups/" + backup, place, digest);
  };
  for (const auto& [name, keys] : legacy::expected_backups()) add(name, keys);
  add(upgrades_backup, legacy::expected_keys());

  const auto lines = attack();
  BOOST_TEST_REQUIRE(lines.size() >= 2u, joined(lines));
  BOOST_TEST((opened_items(lines) == expected), joined(lines));
  BOOST_TEST(lines[lines.size() - 2] == "opened " + std::to_string(expected.size()) + " items", joined(lines));
  BOOST_TEST(lines.back() == "exit 1", joined(lines));
}

BOOST_AUTO_TEST_SUITE_END()
