#define BOOST_TEST_MODULE keymanager_key_protection_test
// The adversary of issue 14 against a Key Manager of the vault scheme, through `arbor run`
// (docs/key-protection.md): a copy of KMSData opens no key with the files alone
// (tests/attack/open_kmsdata.py); an administrators row copied from another server logs in and
// opens nothing; a 2-of-3 policy lowered in the database opens nothing. Every refusal names the
// keyslot or the shares and is audited as "keys-opened" failed, and a task that opens no key
// still runs: the login is not what protects keys.
#include "escrow_kms.hpp"
#include "import_kms.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "crypto/certificate.hpp"
#include "crypto/thumbprint.hpp"

using arbor::test::arbor_result;
using arbor::test::kms_server;
using arbor::test::login_as;
using arbor::test::quoted;
using arbor::test::real_user;
using arbor::test::shell;
using arbor::km::transfer::user_record;

namespace fs = std::filesystem;

namespace {

constexpr int validation_failure = 3;
constexpr int task_failure = 5;
const std::string initial_password = "password";
const std::string admin_password = "Server-A-Admin-Secret";

void change_password(const kms_server& kms, const std::string& from, const std::string& to) {
  const auto r = kms.run("administrators",
                         R"({"operation":{"action":"change-password"},"login":{"administrator":"admin"},"administrator":{"name":"admin"}})",
                         {from, to, to});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.out + r.err);
}

/// Writes `users` as a transfer file signed by `source` (its admin still has the initial
/// password) and encrypted to `destination`'s certificate (kms.crt: no password needed), then
/// imports it there, logging in as admin with `password`.
void import_users(const kms_server& source, const kms_server& destination, const std::string& password,
                  const std::vector<user_record>& users) {
  const auto source_pem = source.root() / "source.pem";
  arbor::test::import_kms::save_certificate(source, source_pem);
  const auto shown = destination.arbor({"show", arbor::test::kms_node});  // makes a new Key Manager
  BOOST_REQUIRE_MESSAGE(shown.exit_code == 0, shown.out + shown.err);
  const auto file = destination.data() / "incoming.kmx";
  {
    const auto signer = arbor::test::keys_of(source);
    const auto recipient = arbor::km::crypto::certificate::from_file(destination.data() / "kms.crt");
    arbor::km::transfer::transfer_writer writer(file, signer.identity(), recipient,
                                                arbor::km::transfer::new_transfer_id(),
                                                [] { return arbor::km::system_clock().now(); });
    for (const auto& user : users) writer.add_user(user);
    writer.finish();
  }
  const auto r = destination.run("import-users", login_as(), {password},
                                 {"file.name=incoming.kmx",
                                  "source.thumbprint=" + arbor::test::openssl_fingerprint(source_pem),
                                  "confirm.confirm=yes"});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.out + r.err);
}

/// `thief` gets a copy of `kms`'s whole KMSData directory (backups included), as an attacker takes
/// it: nothing runs on it while it is copied. Tasks then run on the copy through `thief`.
void copy_kmsdata(const kms_server& kms, const kms_server& thief) {
  fs::copy(kms.data(), thief.data(), fs::copy_options::recursive);
}

int count(const kms_server& kms, const std::string& query) { return std::stoi(kms.sql(query)); }

struct script_result {
  int exit_code = -1;
  std::string out;
};

/// tests/attack/open_kmsdata.py on `dir`, with `guess` as a password the attacker learned.
script_result open_kmsdata(const fs::path& dir, const std::optional<std::string>& guess = std::nullopt) {
  std::string command = quoted(ARBOR_PYTHON) + " " + quoted(ARBOR_SOURCE_DIR "/tests/attack/open_kmsdata.py") + " " +
                        quoted(dir.string());
  if (guess) {
    const auto guesses = dir.parent_path() / "guesses.txt";
    std::ofstream(guesses) << *guess << "\n";
    command += " --guesses " + quoted(guesses.string());
  }
  const auto out = shell(command + "; echo \"exit $?\"");
  const auto status = out.rfind("exit ");
  return {std::stoi(out.substr(status + 5)), out.substr(0, status)};
}

std::string last_line(const std::string& text) {
  std::string line, last;
  for (std::istringstream lines(text); std::getline(lines, line);) last = line;
  return last;
}

/// The lines of `text` that contain every one of `parts`.
int lines_with(const std::string& text, const std::vector<std::string>& parts) {
  int n = 0;
  std::string line;
  for (std::istringstream lines(text); std::getline(lines, line);) {
    bool all = true;
    for (const auto& part : parts) all = all && line.find(part) != std::string::npos;
    n += all ? 1 : 0;
  }
  return n;
}

void add_administrator(const kms_server& kms, const std::string& name, const std::string& password) {
  const auto r = kms.run("administrators",
                         R"({"operation":{"action":"add"},"login":{"administrator":"admin"},"administrator":{"name":")" +
                             name + R"("}})",
                         {initial_password, password, password});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.out + r.err);
}

/// The policy table a run of the Passwords tab shows: task -> administrators required.
std::map<std::string, std::string> password_policy(const arbor_result& r) {
  const auto summary = boost::json::parse(r.out);
  std::map<std::string, std::string> policy;
  for (const auto& row : summary.at("table").at("rows").as_array())
    policy[std::string(row.at("task").as_string())] = std::string(row.at("required").as_string());
  return policy;
}

/// Runs SQL on the kms.db of `thief`'s copy with the kms.db of `other` attached as "c".
void edit_with(const kms_server& thief, const kms_server& other, const std::string& statements) {
  thief.sql("ATTACH '" + other.db().string() + "' AS c; " + statements);
}

const char* const keys_opened_failures = "SELECT count(*) FROM audit_log WHERE event = 'keys-opened' AND outcome = 'failure';";

}  // namespace

BOOST_AUTO_TEST_SUITE(files_alone)

// Keys from enrollment (sealed to the escrow public key) and from an import (sealed under the
// vault), a backup, an outstanding recovery token: the whole directory opens nothing. The same
// script given the administrator's password opens every key, in kms.db and in the backup: the
// silence is the scheme's, not the script's.
BOOST_AUTO_TEST_CASE(a_copied_kmsdata_opens_no_key_without_an_administrators_password) {
  arbor::test::escrow_kms escrow;  // the CA address was set with the initial password
  const auto& kms = escrow.kms;
  change_password(kms, initial_password, admin_password);

  const auto enrolled = kms.run("enroll-users", login_as(), {admin_password},
                                {"source.source=manual", "users.alias=alice", "users.email=alice@example.org"});
  BOOST_REQUIRE_MESSAGE(enrolled.exit_code == 0, enrolled.out + enrolled.err);
  const auto token = std::string(boost::json::parse(enrolled.out).at("table").at("rows").at(0).at("token").as_string());
  escrow.complete("alice", token);
  const kms_server other{"attack-other"};
  const auto imported = real_user("bob0001", 2);
  import_users(other, kms, admin_password, {imported});
  const auto recovery = kms.run("recover-keys", login_as(), {admin_password}, {"user.user=alice"});
  BOOST_REQUIRE_MESSAGE(recovery.exit_code == 0, recovery.out + recovery.err);
  const auto backup = kms.run("back-up-database", login_as(), {admin_password});
  BOOST_REQUIRE_MESSAGE(backup.exit_code == 0, backup.out + backup.err);

  // What the directory holds: both kinds of sealed key, a recovery token not redeemed, backups.
  BOOST_TEST_REQUIRE(count(kms, "SELECT count(*) FROM key_history WHERE substr(sealed_key, 1, 1) = x'02';") == 1);
  BOOST_TEST_REQUIRE(count(kms, "SELECT count(*) FROM key_history WHERE substr(sealed_key, 1, 1) = x'01';") == 2);
  BOOST_TEST_REQUIRE(count(kms, "SELECT count(*) FROM enrollment_tokens WHERE purpose = 'recover' AND used_at IS NULL;") == 1);
  BOOST_TEST_REQUIRE(count(kms, "SELECT count(*) FROM recovery_keys;") == 1);
  // Every database of the directory, kms.db and the backups (the import's and Back Up Database's),
  // and the keys they hold, for the positive control.
  int databases = 1;
  int keys = count(kms, "SELECT count(*) FROM key_history;");
  for (const auto& entry : fs::directory_iterator(kms.data() / "backups")) {
    ++databases;
    keys += std::stoi(shell("sqlite3 " + quoted(entry.path().string()) + " 'SELECT count(*) FROM key_history;'"));
  }
  BOOST_TEST_REQUIRE(databases == 3);

  // The thief's copy: nothing touches it before the script.
  const kms_server thief{"attack-copy"};
  copy_kmsdata(kms, thief);
  const auto copy = thief.data();
  const auto attack = open_kmsdata(copy);
  BOOST_TEST(attack.exit_code == 0, attack.out);
  BOOST_TEST(last_line(attack.out) == "opened 0 items");
  BOOST_TEST_MESSAGE("open_kmsdata.py on the copy: " << last_line(attack.out));

  // The positive control: knowing the password, the same script opens every user key of every
  // database, of both kinds, and the identity; the recovery blob needs the token, which no file
  // holds.
  const auto control = open_kmsdata(copy, admin_password);
  BOOST_TEST(control.exit_code == 1, control.out);
  BOOST_TEST(lines_with(control.out, {"table key_history", "private key, PKCS#8"}) == keys, control.out);
  BOOST_TEST(lines_with(control.out, {"opened database/kms.db table key_history", "X25519 with the key from"}) == 1);
  BOOST_TEST(lines_with(control.out, {"opened database/kms.db table key_history", "AES-256-GCM with the key from"}) == 2);
  BOOST_TEST(lines_with(control.out, {"table vault row 1 column identity_key_sealed", "private key"}) == databases);
  BOOST_TEST(lines_with(control.out, {"table recovery_keys"}) == 0);
  for (const auto& key : imported.keys) {
    const auto digest = arbor::km::crypto::sha256_hex({key.private_key_der.data(), key.private_key_der.size()});
    BOOST_TEST(lines_with(control.out, {"opened database/kms.db table key_history", "PKCS#8 sha256 " + digest}) == 1,
               digest);
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(database_edits)

// Server A changed its initial password; server C is fresh (admin / password). In a copy of A,
// A's administrators row for admin is replaced with C's: admin logs in with "password" there,
// tasks that open no key run, and A's keyslot still asks for A's password. C's keyslot and then
// C's vault row copied too open C's vault, never A's keys.
BOOST_AUTO_TEST_CASE(another_servers_administrator_row_logs_in_but_opens_no_key) {
  const kms_server a{"attack-a"};
  const kms_server c{"attack-c"};
  change_password(a, initial_password, admin_password);
  const auto bob = real_user("bob0001", 2);
  import_users(c, a, admin_password, {bob});
  const kms_server thief{"attack-copy"};
  copy_kmsdata(a, thief);
  edit_with(thief, c,
            "UPDATE administrators SET (password_hash, must_change, created_at, changed_at) = "
            "(SELECT password_hash, must_change, created_at, changed_at FROM c.administrators WHERE name = 'admin') "
            "WHERE name = 'admin';");
  BOOST_TEST_REQUIRE(thief.sql("SELECT * FROM administrators;") == c.sql("SELECT * FROM administrators;"));

  const auto saved = thief.run("save-kms-certificate", login_as(), {initial_password},
                               {"file.path=" + (thief.root() / "kms.pem").string()});
  BOOST_TEST(saved.exit_code == 0, saved.out + saved.err);
  const auto enrolled = thief.run("enroll-users", login_as(), {initial_password},
                                  {"source.source=manual", "users.alias=carol", "users.email=carol@example.org"});
  BOOST_TEST(enrolled.exit_code == 0, enrolled.out + enrolled.err);

  const auto recover = [&] { return thief.run("recover-keys", login_as(), {initial_password}, {"user.user=bob0001"}); };
  const auto row_only = recover();
  BOOST_TEST(row_only.exit_code == task_failure, row_only.out + row_only.err);
  BOOST_TEST(row_only.out.find("The keyslot of administrator 'admin' does not open with the password that logged in") !=
                 std::string::npos,
             row_only.out);
  BOOST_TEST_MESSAGE("administrators row replaced: " << row_only.out);
  BOOST_TEST(count(thief, "SELECT count(*) FROM audit_log WHERE event = 'login' AND outcome = 'success' "
                          "AND detail LIKE 'task=recover-keys%';") == 1);
  BOOST_TEST(count(thief, keys_opened_failures) == 1);

  edit_with(thief, c,
            "DELETE FROM keyslots WHERE administrator = 'admin'; "
            "INSERT INTO keyslots SELECT * FROM c.keyslots WHERE administrator = 'admin';");
  const auto with_keyslot = recover();
  BOOST_TEST(with_keyslot.exit_code == task_failure, with_keyslot.out + with_keyslot.err);
  BOOST_TEST(with_keyslot.out.find("The keyslot of administrator 'admin' does not open") != std::string::npos,
             with_keyslot.out);
  BOOST_TEST_MESSAGE("and C's keyslot: " << with_keyslot.out);
  BOOST_TEST(count(thief, keys_opened_failures) == 2);

  edit_with(thief, c, "DELETE FROM vault; INSERT INTO vault SELECT * FROM c.vault;");
  const auto with_vault = recover();
  BOOST_TEST(with_vault.exit_code != 0, with_vault.out + with_vault.err);
  BOOST_TEST(with_vault.out.find("Key 1 of user " + bob.user_id + " cannot be opened") != std::string::npos,
             with_vault.out);
  BOOST_TEST_MESSAGE("and C's vault: " << with_vault.out);

  BOOST_TEST(count(thief, "SELECT count(*) FROM enrollment_tokens WHERE purpose = 'recover';") == 0);
  BOOST_TEST(count(thief, "SELECT count(*) FROM recovery_keys;") == 0);
}

// Two of three administrators: the key-opening tasks share one number, Recover Keys needs two
// different administrators. In a copy the policy lowered to 1 lets one log in, but the shares
// still need two; the threshold lowered in the keyslots too makes no share open.
BOOST_AUTO_TEST_CASE(two_of_three_open_keys_and_a_policy_lowered_in_the_database_opens_none) {
  const kms_server a{"attack-a"};
  const kms_server source{"attack-other"};
  import_users(source, a, initial_password, {real_user("bob0001", 2)});
  const std::string alice_password = "Alice-Admin-Secret";
  add_administrator(a, "alice", alice_password);
  add_administrator(a, "carol", "Carol-Admin-Secret");
  BOOST_TEST_REQUIRE(count(a, "SELECT count(*) FROM keyslots;") == 3);

  const auto set = a.run("passwords", R"({"operation":{"action":"set"},"login":{"administrator":"admin"}})",
                         {initial_password}, {"policy.task=export-users", "policy.required=2"});
  BOOST_REQUIRE_MESSAGE(set.exit_code == 0, set.out + set.err);
  const auto policy = password_policy(set);
  for (const char* task : {"export-users", "import-users", "recover-keys", "restore-database"})
    BOOST_TEST(policy.at(task) == "2", task);
  BOOST_TEST(policy.at("back-up-database") == "1");

  const auto one = a.run("recover-keys", login_as(), {initial_password}, {"user.user=bob0001"});
  BOOST_TEST(one.exit_code == validation_failure, one.out + one.err);
  BOOST_TEST_MESSAGE("one administrator: " << one.out);
  const auto two_answers = R"({"login":{"administrator":"admin","administrator_2":"alice"}})";
  const auto two = a.run("recover-keys", two_answers, {initial_password, alice_password}, {"user.user=bob0001"});
  BOOST_TEST(two.exit_code == 0, two.out + two.err);
  BOOST_TEST(count(a, "SELECT count(*) FROM enrollment_tokens WHERE purpose = 'recover';") == 1);

  const kms_server thief{"attack-copy"};
  copy_kmsdata(a, thief);
  thief.sql("UPDATE password_policy SET required = 1;");
  const auto recover = [&] {
    return thief.run("recover-keys", login_as("alice"), {alice_password}, {"user.user=bob0001"});
  };
  const auto lowered = recover();
  BOOST_TEST(lowered.exit_code == task_failure, lowered.out + lowered.err);
  BOOST_TEST(lowered.out.find("needs the passwords of 2 administrators with a keyslot; 1 given") != std::string::npos,
             lowered.out);
  BOOST_TEST_MESSAGE("policy lowered to 1: " << lowered.out);
  BOOST_TEST(count(thief, "SELECT count(*) FROM audit_log WHERE event = 'login' AND outcome = 'success' "
                          "AND actor = 'alice' AND detail LIKE 'task=recover-keys%';") == 1);
  BOOST_TEST(count(thief, keys_opened_failures) == 1);

  thief.sql("UPDATE keyslots SET share_threshold = 1;");
  const auto threshold_too = recover();
  BOOST_TEST(threshold_too.exit_code == task_failure, threshold_too.out + threshold_too.err);
  BOOST_TEST(threshold_too.out.find("The share in the keyslot of 'alice' does not open") != std::string::npos,
             threshold_too.out);
  BOOST_TEST_MESSAGE("and the keyslots' threshold: " << threshold_too.out);
  BOOST_TEST(count(thief, keys_opened_failures) == 2);
  BOOST_TEST(count(thief, "SELECT count(*) FROM enrollment_tokens WHERE purpose = 'recover';") == 1);
}

BOOST_AUTO_TEST_SUITE_END()
