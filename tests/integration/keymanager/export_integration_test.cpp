#define BOOST_TEST_MODULE keymanager_export_integration_test
// Export Users through `arbor run` against a real cfssl and a second Key Management server: the
// counts for a known mix of users, revocations in cfssl's own database, a stopped CA, the file
// opened with the openssl command line, every refusal of every page, a second export refused
// while one runs, and SIGKILL at each failpoint without losing a user.
#include "export_kms.hpp"

#include <fcntl.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sys/file.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "crypto/ossl.hpp"
#include "crypto/private_key.hpp"

using arbor::test::export_kms;
using arbor::test::kms_server;
using arbor::test::lines_of;
using arbor::test::quoted;
using arbor::test::shell;

namespace fs = std::filesystem;

using arbor::test::armed_failpoint;
using arbor::test::killed;

namespace {

// The failpoints after the journal entry and before the removal transaction commits: the next
// open of the Key Manager resolves what they leave.
const std::set<std::string> journaled{"export-after-journal", "export-mid-file", "export-file-recorded",
                                      "export-after-file", "export-mid-transaction"};
constexpr int validation_failure = 3;
constexpr int task_failure = 5;


// A P-256 certificate valid from now + `from_s` to now + `to_s`, keyUsage keyAgreement, as PEM.
std::string certificate_valid(long from_s, long to_s) {
  const auto key = arbor::km::crypto::private_key::generate_ec("P-256");
  arbor::km::crypto::ossl::x509_ptr cert(X509_new());
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 7);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), from_s);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), to_s);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("Out of date"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  X509_set_pubkey(cert.get(), key.native());
  X509_sign(cert.get(), key.native(), EVP_sha256());
  arbor::km::crypto::ossl::bio_ptr out(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(out.get(), cert.get());
  char* data = nullptr;
  const long size = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(export_users, export_kms)

BOOST_AUTO_TEST_CASE(a_known_mix_gives_the_three_counts_and_the_ca_revokes_what_it_knows) {
  add_known_mix();
  const auto alice_serials = serials_of(alice);
  const auto r = export_users();
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.out + r.err);
  BOOST_TEST(kms_server::item(r, "not_revoked") == "1");
  BOOST_TEST(kms_server::item(r, "no_key_history") == "1");
  BOOST_TEST(kms_server::item(r, "exported") == "2");
  BOOST_TEST(kms_server::item(r, "file") == file().string());
  BOOST_TEST(r.out.find("\"bob\"") != std::string::npos, r.out);    // not_revoked details
  BOOST_TEST(r.out.find("\"carol\"") != std::string::npos, r.out);  // no_key_history details

  for (const auto& serial : alice_serials) BOOST_TEST(ca_status(serial) == "revoked\n");
  BOOST_TEST(users_in_database().empty());
  BOOST_TEST((users_in_file(file()) == std::set<std::string>{alice, bob}));
  BOOST_TEST(kms.sql("SELECT user_alias, reason FROM pending_revocations;") == "bob|affiliationChanged\n");
  BOOST_TEST(kms.sql("SELECT count(*) FROM audit_log WHERE event = 'users-exported';") == "1\n");
  BOOST_TEST(kms.sql("SELECT file_name FROM transfers;") == "users.kmx\n");
}

BOOST_AUTO_TEST_CASE(with_the_ca_stopped_every_user_is_exported_and_counted_as_not_revoked) {
  add_known_mix(false);
  ca.stop();
  const auto r = export_users();
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.out + r.err);
  BOOST_TEST(kms_server::item(r, "exported") == "2");
  BOOST_TEST(kms_server::item(r, "not_revoked") == "2");
  BOOST_TEST(kms.sql("SELECT count(*) FROM pending_revocations;") == "3\n");
  BOOST_TEST((users_in_file(file()) == std::set<std::string>{alice, bob}));
}

BOOST_AUTO_TEST_CASE(the_file_opens_with_openssl_using_the_destination_key_and_verifies_against_the_source) {
  add_known_mix(false);
  BOOST_REQUIRE(export_users().exit_code == 0);
  const auto work = kms.root() / "openssl";
  fs::create_directories(work);
  fs::permissions(work, fs::perms::owner_all);
  // The destination's identity key, taken out of its sealed file for the openssl tool only.
  const auto der = arbor::test::keys_of(destination).identity().key().to_pkcs8_der();
  std::ofstream(work / "dest.key", std::ios::binary).write(reinterpret_cast<const char*>(der.data()),
                                                           static_cast<std::streamsize>(der.size()));
  const auto source_pem = work / "source.pem";
  BOOST_REQUIRE(kms.run("save-kms-certificate", arbor::test::login_as(), {"password"},
                        {"file.path=" + source_pem.string()}).exit_code == 0);

  const auto objects = shell("openssl asn1parse -inform DER -in " + quoted(file().string()) + " | grep 'd=0'");
  long offset = 0, header = 0, length = 0;
  BOOST_REQUIRE(std::sscanf(objects.c_str(), " %ld:d=0 hl=%ld l=%ld", &offset, &header, &length) == 3);
  const auto q = [&](const char* name) { return quoted((work / name).string()); };
  shell("head -c " + std::to_string(header + length) + " " + quoted(file().string()) + " > " + q("segment0.der"));
  shell("openssl cms -decrypt -binary -inform DER -in " + q("segment0.der") + " -recip " +
        quoted(destination_pem.string()) + " -inkey " + q("dest.key") + " -keyform DER -out " + q("signed.der"));
  const auto verified = shell("openssl cms -verify -binary -inform DER -in " + q("signed.der") + " -CAfile " +
                              quoted(source_pem.string()) + " -out " + q("segment0.jsonl") + " 2>&1");
  BOOST_TEST(verified.find("Verification successful") != std::string::npos, verified);
  const auto payload = shell("cat " + q("segment0.jsonl"));
  BOOST_TEST(payload.find("\"alias\":\"alice\"") != std::string::npos);
  BOOST_TEST(payload.find("\"kind\":\"segment\"") != std::string::npos);
  fs::remove_all(work);
}

BOOST_AUTO_TEST_CASE(every_refusal_of_the_certificate_page_stops_the_wizard_and_changes_nothing) {
  add_known_mix(false);
  const auto notes = kms.root() / "notes.txt";
  std::ofstream(notes) << "not a certificate\n";
  const auto sign_only = kms.root() / "sign-only.pem";
  shell("openssl req -x509 -newkey rsa:2048 -nodes -keyout " + quoted((kms.root() / "sign-only.key").string()) +
        " -out " + quoted(sign_only.string()) + " -days 30 -subj /CN=sign-only -addext keyUsage=digitalSignature 2>&1");
  const auto expired = kms.root() / "expired.pem";
  std::ofstream(expired) << certificate_valid(-10 * 86400, -86400);
  const auto future = kms.root() / "future.pem";
  std::ofstream(future) << certificate_valid(86400, 10 * 86400);
  const auto own = kms.root() / "own.pem";
  BOOST_REQUIRE(kms.run("save-kms-certificate", arbor::test::login_as(), {"password"}, {"file.path=" + own.string()})
                    .exit_code == 0);

  for (const auto& [path, words] : std::vector<std::pair<fs::path, std::string>>{
           {notes, "certificate"}, {sign_only, "cannot receive"}, {expired, "expired"},
           {future, "not valid before"}, {own, "this server's own"}, {kms.root() / "missing.pem", "missing.pem"}}) {
    const auto r = export_users({"certificate.path=" + path.string()});
    BOOST_TEST(r.exit_code == validation_failure, path);
    BOOST_TEST((r.out + r.err).find(words) != std::string::npos, r.out + r.err);
  }
  BOOST_TEST(users_in_database().size() == 3u);
  BOOST_TEST(!fs::exists(file()));
}

BOOST_AUTO_TEST_CASE(a_thumbprint_that_does_not_match_or_eight_sha1_digits_stop_the_wizard_and_the_short_code_passes) {
  add_known_mix(false);
  for (const auto& typed : std::vector<std::string>{"00000000", "not hex", thumbprint().substr(0, 20)}) {
    const auto r = export_users({"thumbprint.thumbprint=" + typed});
    BOOST_TEST(r.exit_code == validation_failure, typed);
  }
  // The first eight hex digits of SHA-1, with their colons: forged in minutes, so refused.
  const auto r = export_users({"thumbprint.thumbprint=" + thumbprint("sha1").substr(0, 11)});
  BOOST_TEST(r.exit_code == validation_failure);
  BOOST_TEST((r.out + r.err).find("no longer accepted") != std::string::npos, r.out + r.err);
  BOOST_TEST(kms.sql("SELECT count(*) FROM audit_log WHERE event = 'users-export-refused';") == "4\n");
  BOOST_TEST(users_in_database().size() == 3u);
  BOOST_TEST(export_users({"thumbprint.thumbprint=" + destination_code}).exit_code == 0);
  BOOST_TEST(users_in_database().empty());
}

BOOST_AUTO_TEST_CASE(every_refusal_of_the_file_page_stops_the_wizard) {
  add_known_mix(false);
  std::ofstream(file("taken.kmx")) << "x";
  for (const std::string name : {"", "../escape.kmx", "sub/dir.kmx", "..", "tab\there.kmx", "taken.kmx"}) {
    const auto r = export_users({"file.name=" + name});
    BOOST_TEST(r.exit_code == validation_failure, "name '" << name << "': " << r.out << r.err);
  }
  BOOST_TEST(users_in_database().size() == 3u);
}

BOOST_AUTO_TEST_CASE(the_users_page_refuses_a_choice_of_nobody_and_the_confirm_page_a_no) {
  add_known_mix(false);
  BOOST_TEST(export_users({"users.scope=pattern", "users.pattern=nobody*"}).exit_code == validation_failure);
  BOOST_TEST(export_users({"users.scope=picked"}).exit_code == validation_failure);
  BOOST_TEST(export_users({"confirm.confirm=no"}).exit_code == validation_failure);
  BOOST_TEST(users_in_database().size() == 3u);
  const auto r = export_users({"users.scope=picked", "users.picked=bob"});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.out + r.err);
  BOOST_TEST((users_in_database() == std::set<std::string>{alice, carol}));
}

BOOST_AUTO_TEST_CASE(a_second_export_while_one_runs_is_refused) {
  add_known_mix(false);
  const int fd = ::open((kms.data() / "transfer.lock").c_str(), O_RDWR | O_CREAT, 0600);
  BOOST_REQUIRE(fd >= 0);
  BOOST_REQUIRE(::write(fd, "export started 2030-01-01 00:00:00 UTC\n", 39) == 39);
  BOOST_REQUIRE(::flock(fd, LOCK_EX) == 0);
  const auto r = export_users();
  ::close(fd);
  BOOST_TEST(r.exit_code == task_failure);
  BOOST_TEST(r.out.find("another export or import is running on this Key Manager (started 2030-01-01") !=
                 std::string::npos,
             r.out);
  BOOST_TEST(users_in_database().size() == 3u);
  BOOST_TEST(export_users().exit_code == 0);
}

// Killed at `step`, the users are in the file or here, never both, never neither; the next open
// resolves the export and a rerun moves whoever is left.
struct killed_export : export_kms {
  void check_killed_at(const std::string& step);
};

void killed_export::check_killed_at(const std::string& step) {
  add_known_mix(false);
  const std::set<std::string> selected{alice, bob, carol};
  {
    armed_failpoint armed(step);
    BOOST_TEST(export_users().exit_code == killed);
  }
  // The next open of the Key Manager (here, its details pane) resolves the interrupted export.
  const auto shown = kms.arbor({"show", arbor::test::kms_node});
  BOOST_TEST_REQUIRE(shown.exit_code == 0, shown.out + shown.err);
  BOOST_TEST(kms.sql("SELECT count(*) FROM export_journal;") == "0\n");
  if (journaled.count(step) == 1) BOOST_TEST(shown.out.find("was interrupted") != std::string::npos, shown.out);

  const auto in_db = users_in_database();
  const bool file_there = fs::exists(file());
  const auto in_file = file_there ? users_in_file(file()) : std::set<std::string>{};
  for (const auto& id : {alice, bob}) BOOST_TEST((in_db.count(id) == 1) != (in_file.count(id) == 1), id);
  BOOST_TEST(file_there == in_db.empty(), "file " << file_there << ", users left " << in_db.size());
  BOOST_TEST(in_db.count(carol) == (file_there ? 0u : 1u));  // no key history: removed with the others, never in a file
  for (const auto& entry : fs::directory_iterator(kms.data()))
    BOOST_TEST(entry.path().filename().string().find(".tmp-") == std::string::npos, entry.path());
  if (step != "export-before-backup") BOOST_TEST(users_in_backups() == selected);

  // A rerun under another name moves whoever is left; the interrupted name stays taken when its
  // file is complete, and with nobody left there is nothing to choose.
  const bool users_left = !in_db.empty();
  const auto rerun = export_users({"file.name=rerun.kmx"});
  BOOST_TEST(rerun.exit_code == (users_left ? 0 : validation_failure), rerun.out + rerun.err);
  BOOST_TEST(users_in_database().empty());
  if (users_left) BOOST_TEST(users_in_file(file("rerun.kmx")).size() == 2u);
  BOOST_TEST(export_users({"file.name=users.kmx"}).exit_code == validation_failure);
}

// One case per failpoint, in the order the export passes them.
BOOST_FIXTURE_TEST_CASE(killed_before_the_backup, killed_export) { check_killed_at("export-before-backup"); }
BOOST_FIXTURE_TEST_CASE(killed_after_the_journal_entry, killed_export) { check_killed_at("export-after-journal"); }
BOOST_FIXTURE_TEST_CASE(killed_while_writing_the_file, killed_export) { check_killed_at("export-mid-file"); }
BOOST_FIXTURE_TEST_CASE(killed_after_the_file_digest_is_recorded, killed_export) { check_killed_at("export-file-recorded"); }
BOOST_FIXTURE_TEST_CASE(killed_after_the_file_is_placed, killed_export) { check_killed_at("export-after-file"); }
BOOST_FIXTURE_TEST_CASE(killed_inside_the_removal_transaction, killed_export) { check_killed_at("export-mid-transaction"); }
BOOST_FIXTURE_TEST_CASE(killed_during_revocation, killed_export) { check_killed_at("export-during-revocation"); }

// The operator carried the complete file away (to the destination) before the Key Manager opened
// again: the users are in that file, so they go from here too.
BOOST_AUTO_TEST_CASE(killed_after_placing_its_file_then_moved_away_the_export_still_finishes) {
  add_known_mix(false);
  {
    armed_failpoint armed("export-after-file");
    BOOST_TEST(export_users().exit_code == killed);
  }
  const auto carried = kms.root() / "carried.kmx";
  fs::rename(file(), carried);
  const auto shown = kms.arbor({"show", arbor::test::kms_node});
  BOOST_TEST_REQUIRE(shown.exit_code == 0, shown.out + shown.err);
  BOOST_TEST(shown.out.find("moved or replaced") != std::string::npos, shown.out);
  BOOST_TEST(users_in_database().empty());
  BOOST_TEST((users_in_file(carried) == std::set<std::string>{alice, bob}));
}

BOOST_AUTO_TEST_CASE(killed_during_revocation_the_queue_still_holds_every_certificate_until_retried) {
  add_known_mix(false);
  {
    armed_failpoint armed("export-during-revocation");
    BOOST_TEST(export_users().exit_code == killed);
  }
  BOOST_TEST(kms.sql("SELECT count(*) FROM pending_revocations;") == "3\n");
  const auto retried = kms.run("retry-pending-revocations", arbor::test::login_as(), {"password"});
  BOOST_REQUIRE_MESSAGE(retried.exit_code == 0, retried.out + retried.err);
  BOOST_TEST(kms.sql("SELECT count(*) FROM pending_revocations;") == "0\n");
}

BOOST_AUTO_TEST_SUITE_END()
