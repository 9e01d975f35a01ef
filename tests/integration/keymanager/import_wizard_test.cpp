#define BOOST_TEST_MODULE keymanager_import_wizard_test
// Import Users through `arbor run` on files written by the transfer writer as a source server
// would: new, known and unknown users; every refusal with the database unchanged; a second
// import while one runs; SIGKILL at each failpoint leaving the database as it was.
#include "import_kms.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>

#include "../../plugins/keymanager/crypto/forged_certificate.hpp"
#include "crypto/thumbprint.hpp"
#include "crypto/cms_seal.hpp"
#include "transfer/object_stream.hpp"
#include "transfer/payload_head.hpp"

using arbor::test::keys_of;
using arbor::test::import_kms;
using arbor::test::kms_server;
using arbor::test::real_user;
using arbor::test::shell;
using arbor::km::transfer::user_record;

namespace fs = std::filesystem;

using arbor::test::armed_failpoint;
using arbor::test::killed;

namespace {

constexpr int validation_failure = 3;
constexpr int task_failure = 5;


using object_list = std::vector<std::vector<std::uint8_t>>;

object_list split_objects(const fs::path& file) {
  arbor::km::transfer::object_stream stream(file, std::size_t{64} << 20);
  object_list objects;
  while (auto object = stream.next()) objects.emplace_back(object->begin(), object->end());
  return objects;
}

void join_objects(const fs::path& file, const object_list& objects) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  for (const auto& o : objects) out.write(reinterpret_cast<const char*>(o.data()), static_cast<std::streamsize>(o.size()));
}

std::vector<user_record> some_users(int count, const std::string& prefix = "user") {
  std::vector<user_record> users;
  for (int n = 0; n < count; ++n) users.push_back(real_user(prefix + std::to_string(n), n % 2 + 1));
  return users;
}

// The destination already holds one imported user, so "unchanged" compares a real database.
struct imported_once : import_kms {
  imported_once() {
    write_file("first.kmx", {real_user("first")});
    const auto r = import("first.kmx");
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.out + r.err);
  }

  // Runs the import of `name`, requires it refused with `phrase` and the database unchanged.
  void require_refused(const std::string& name, const std::string& phrase, std::vector<std::string> sets = {}) const {
    const auto before = dump();
    const auto r = import(name, std::move(sets));
    BOOST_TEST((r.exit_code == validation_failure || r.exit_code == task_failure), r.exit_code << ": " << r.out << r.err);
    BOOST_TEST((r.out + r.err).find(phrase) != std::string::npos, "wanted '" << phrase << "' in: " << r.out << r.err);
    BOOST_TEST(dump() == before);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(import_wizard, import_kms)

BOOST_AUTO_TEST_CASE(new_users_land_with_every_key_and_the_summary_counts_them) {
  write_file("users.kmx", some_users(5), 2048);
  const auto r = import("users.kmx");
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.out + r.err);
  BOOST_TEST(kms_server::item(r, "imported") == "5");
  BOOST_TEST(kms_server::item(r, "merged") == "0");
  BOOST_TEST(kms_server::item(r, "keys_imported") == "7");
  BOOST_TEST(kms_server::item(r, "not_imported") == "0");
  BOOST_TEST(fs::exists(kms_server::item(r, "backup")));
  BOOST_TEST(destination.sql("SELECT count(*) FROM key_history;") == "7\n");
  BOOST_TEST(destination.sql("SELECT direction, users, keys FROM transfers;").find("|5|7") != std::string::npos);
  BOOST_TEST(destination.sql("SELECT count(*) FROM audit_log WHERE event = 'users-imported' AND outcome = 'success';") ==
             "1\n");
}

BOOST_AUTO_TEST_CASE(an_import_not_confirmed_imports_nothing_and_says_which_answer_to_give) {
  write_file("users.kmx", some_users(2));
  const auto before = dump();
  for (const std::vector<std::string>& sets : {std::vector<std::string>{"confirm.confirm=no"},
                                               std::vector<std::string>{}}) {  // the default is no
    std::vector<std::string> all{"file.name=users.kmx", "source.thumbprint=" + arbor::test::openssl_fingerprint(source_pem)};
    all.insert(all.end(), sets.begin(), sets.end());
    const auto r = destination.run("import-users", arbor::test::login_as(), {"password"}, all);
    BOOST_TEST(r.exit_code == validation_failure, r.out + r.err);
    BOOST_TEST((r.out + r.err).find("Nothing was imported: answer Yes to 'Import these users into this server?'") !=
                   std::string::npos,
               r.out + r.err);
    BOOST_TEST(dump() == before);
  }
  BOOST_TEST(destination.sql("SELECT count(*) FROM users;") == "0\n");
}

BOOST_AUTO_TEST_CASE(a_known_user_gets_only_the_keys_it_does_not_have) {
  auto alice = real_user("alice", 2);
  write_file("first.kmx", {alice});
  BOOST_REQUIRE(import("first.kmx").exit_code == 0);
  // A later file: the same user, the same two keys and one new one.
  auto later = real_user("alice", 1, alice.user_id);
  later.keys.front().seq = 3;
  alice.keys.push_back(later.keys.front());
  write_file("second.kmx", {alice});
  const auto r = import("second.kmx");
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.out + r.err);
  BOOST_TEST(kms_server::item(r, "imported") == "0");
  BOOST_TEST(kms_server::item(r, "merged") == "1");
  BOOST_TEST(kms_server::item(r, "keys_imported") == "1");
  BOOST_TEST(kms_server::item(r, "keys_already_present") == "2");
  BOOST_TEST(destination.sql("SELECT count(*) FROM key_history;") == "3\n");
}

BOOST_AUTO_TEST_CASE(an_unknown_user_is_not_imported_unless_the_operator_merges_it) {
  // The destination has its own alice, with another id and no keys yet.
  const auto added = destination.run("enroll-users", arbor::test::login_as(), {"password"},
                                     {"source.source=manual", "users.alias=alice", "users.email=alice@example.org"});
  BOOST_REQUIRE_MESSAGE(added.exit_code == 0, added.out + added.err);
  const auto incoming = real_user("alice", 2);
  write_file("users.kmx", {incoming, real_user("dave")});

  auto r = import("users.kmx");
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.out + r.err);
  BOOST_TEST(kms_server::item(r, "imported") == "1");
  BOOST_TEST(kms_server::item(r, "not_imported") == "1");
  BOOST_TEST(r.out.find("\"alice\"") != std::string::npos, r.out);
  BOOST_TEST(destination.sql("SELECT count(*) FROM users WHERE user_id = '" + incoming.user_id + "';") == "0\n");

  write_file("again.kmx", {incoming});
  r = import("again.kmx", {"unknown.resolve_" + incoming.user_id + "=merge-into:alice"});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.out + r.err);
  BOOST_TEST(kms_server::item(r, "merged") == "1");
  BOOST_TEST(kms_server::item(r, "keys_imported") == "2");
  BOOST_TEST(destination.sql("SELECT count(*) FROM key_history JOIN users USING (user_id) WHERE alias = 'alice';") ==
             "2\n");

  // The keys were sealed again for the user they joined: Recover Keys for alice opens both.
  const auto issued = destination.run("recover-keys", arbor::test::login_as(), {"password"}, {"user.user=alice"});
  BOOST_REQUIRE_MESSAGE(issued.exit_code == 0, issued.out + issued.err);
  const auto p12 = destination.root() / "alice.p12";
  const auto redeemed = destination.run(
      "redeem-recovery", "{}", {kms_server::item(issued, "token"), arbor::test::user_password, arbor::test::user_password},
      {"token.alias=alice", "token.output=" + p12.string()});
  BOOST_REQUIRE_MESSAGE(redeemed.exit_code == 0, redeemed.out + redeemed.err);
  BOOST_TEST(shell("openssl pkcs12 -in '" + p12.string() + "' -passin pass:" + arbor::test::user_password +
                   " -nocerts -nodes 2>/dev/null | grep -c 'BEGIN PRIVATE KEY'") == "2\n");
}

BOOST_AUTO_TEST_CASE(a_merge_into_a_user_that_does_not_match_is_refused) {
  destination.run("enroll-users", arbor::test::login_as(), {"password"}, {"source.source=manual", "users.alias=alice"});
  destination.run("enroll-users", arbor::test::login_as(), {"password"}, {"source.source=manual", "users.alias=bob"});
  const auto incoming = real_user("alice");
  write_file("users.kmx", {incoming});
  const auto before = dump();
  const auto r = import("users.kmx", {"unknown.resolve_" + incoming.user_id + "=merge-into:bob"});
  BOOST_TEST(r.exit_code == validation_failure, r.out + r.err);
  BOOST_TEST(dump() == before);
}

BOOST_AUTO_TEST_CASE(a_wrong_thumbprint_or_eight_sha1_digits_stop_at_the_source_page_and_the_short_code_passes) {
  write_file("users.kmx", some_users(1));
  auto r = import("users.kmx", {"source.thumbprint=00000000"});
  BOOST_TEST(r.exit_code == validation_failure);
  const auto sha1 = arbor::test::openssl_fingerprint(source_pem, "sha1");
  r = import("users.kmx", {"source.thumbprint=" + sha1.substr(0, 11)});
  BOOST_TEST(r.exit_code == validation_failure);
  BOOST_TEST((r.out + r.err).find("no longer accepted") != std::string::npos, r.out + r.err);
  BOOST_TEST(destination.sql("SELECT count(*) FROM audit_log WHERE event = 'users-import-refused' AND outcome = "
                             "'failure';") == "2\n");
  // What the source's administrator reads from its Save the KMS Certificate.
  const auto saved = source.run("save-kms-certificate", arbor::test::login_as(), {"password"},
                                {"file.path=" + (source.root() / "saved.pem").string()});
  BOOST_REQUIRE_MESSAGE(saved.exit_code == 0, saved.out + saved.err);
  r = import("users.kmx", {"source.thumbprint=" + kms_server::item(saved, "short_code")});
  BOOST_TEST(r.exit_code == 0, r.out + r.err);
}

BOOST_AUTO_TEST_CASE(the_file_page_refuses_paths_and_missing_files) {
  write_file("users.kmx", some_users(1));
  for (const std::string name : {"../users.kmx", "sub/users.kmx", "..", "missing.kmx", "tab\tname"}) {
    const auto r = import(name);
    BOOST_TEST(r.exit_code == validation_failure, "name '" << name << "': " << r.out << r.err);
  }
}

BOOST_AUTO_TEST_CASE(a_second_import_while_one_runs_is_refused) {
  write_file("users.kmx", some_users(1));
  const int fd = ::open((destination.data() / "transfer.lock").c_str(), O_RDWR | O_CREAT, 0600);
  BOOST_REQUIRE(fd >= 0);
  BOOST_REQUIRE(::flock(fd, LOCK_EX) == 0);
  const auto before = dump();
  const auto r = import("users.kmx");
  ::close(fd);
  BOOST_TEST(r.exit_code == task_failure, r.out + r.err);
  BOOST_TEST((r.out + r.err).find("another export or import is running") != std::string::npos, r.out + r.err);
  BOOST_TEST(dump() == before);
  BOOST_TEST(import("users.kmx").exit_code == 0);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(import_refusals, imported_once)

BOOST_AUTO_TEST_CASE(a_file_addressed_to_another_server_is_refused) {
  kms_server other("import-other");
  save_certificate(other, other.root() / "other.pem");
  write_file("users.kmx", some_users(2), std::size_t{1} << 20, arbor::km::system_clock().now(), &other);
  require_refused("users.kmx", "encrypted to another Key Management server");
}

BOOST_AUTO_TEST_CASE(a_file_this_server_exported_itself_is_refused) {
  // The writer never addresses a file to its own server, so it is put together by hand.
  const auto destination_keys = keys_of(destination);
  const auto& self = destination_keys.identity();
  const std::string own = arbor::km::crypto::sha256_hex(self.cert());
  const auto header = arbor::km::transfer::encode_segment_header({arbor::km::transfer::new_transfer_id(), 0, own, own});
  join_objects(destination.data() / "own.kmx",
               {arbor::km::crypto::seal_payload(header + "{}\n", self.cert(), self.key(), self.cert())});
  require_refused("own.kmx", "exported by this server itself",
                  {"source.thumbprint=" + arbor::km::crypto::sha256_hex(self.cert())});
}

// Issue 13, F2: a forger's certificate has signature bytes varied to grind its thumbprint.
BOOST_AUTO_TEST_CASE(a_file_signed_by_a_certificate_whose_signature_bytes_were_changed_is_refused_and_audited) {
  const auto source_keys = keys_of(source);
  const auto& signer = source_keys.identity();
  const auto altered = arbor::km::test::with_signature_altered(signer.cert());
  const std::string altered_sha256 = arbor::km::crypto::sha256_hex(altered);
  const auto header = arbor::km::transfer::encode_segment_header(
      {arbor::km::transfer::new_transfer_id(), 0, altered_sha256,
       arbor::km::crypto::sha256_hex(keys_of(destination).identity().cert())});
  join_objects(destination.data() / "forged.kmx",
               {arbor::km::crypto::seal_payload(header + "{}\n", altered, signer.key(), keys_of(destination).identity().cert())});
  require_refused("forged.kmx", "not signed by a Key Management server's certificate",
                  {"source.thumbprint=" + altered_sha256});
  BOOST_TEST(destination.sql("SELECT count(*) FROM audit_log WHERE event = 'users-import-refused' AND outcome = "
                             "'failure' AND detail LIKE 'forged.kmx: %';") == "1\n");
}

BOOST_AUTO_TEST_CASE(an_altered_object_is_refused) {
  const auto file = write_file("users.kmx", some_users(6), 2048);
  auto objects = split_objects(file);
  objects[1][objects[1].size() / 2] ^= 0x01;
  join_objects(file, objects);
  require_refused("users.kmx", "altered");
}

BOOST_AUTO_TEST_CASE(an_altered_trailer_is_refused) {
  const auto file = write_file("users.kmx", some_users(6), 2048);
  auto objects = split_objects(file);
  objects.back()[objects.back().size() - 20] ^= 0x01;
  join_objects(file, objects);
  require_refused("users.kmx", "altered");
}

BOOST_AUTO_TEST_CASE(a_truncated_file_is_refused) {
  const auto file = write_file("users.kmx", some_users(6), 2048);
  fs::resize_file(file, fs::file_size(file) - 100);
  require_refused("users.kmx", "incomplete");
}

BOOST_AUTO_TEST_CASE(a_file_without_its_trailer_is_refused) {
  const auto file = write_file("users.kmx", some_users(6), 2048);
  auto objects = split_objects(file);
  objects.pop_back();
  join_objects(file, objects);
  require_refused("users.kmx", "without its trailer");
}

BOOST_AUTO_TEST_CASE(a_missing_segment_is_refused) {
  const auto file = write_file("users.kmx", some_users(6), 2048);
  auto objects = split_objects(file);
  BOOST_REQUIRE(objects.size() >= 4u);
  objects.erase(objects.begin() + 1);
  join_objects(file, objects);
  require_refused("users.kmx", "segment 1 is missing");
}

BOOST_AUTO_TEST_CASE(reordered_segments_are_refused) {
  const auto file = write_file("users.kmx", some_users(6), 2048);
  auto objects = split_objects(file);
  std::swap(objects[1], objects[2]);
  join_objects(file, objects);
  require_refused("users.kmx", "damaged or was altered: segment 1 is missing");
}

BOOST_AUTO_TEST_CASE(a_repeated_segment_is_refused) {
  const auto file = write_file("users.kmx", some_users(6), 2048);
  auto objects = split_objects(file);
  objects.insert(objects.begin() + 2, objects[1]);
  join_objects(file, objects);
  require_refused("users.kmx", "appears again");
}

BOOST_AUTO_TEST_CASE(an_unknown_format_version_is_refused) {
  const auto source_keys = keys_of(source);
  const auto& signer = source_keys.identity();
  const auto destination_keys = keys_of(destination);
  const auto& self = destination_keys.identity();
  std::string header = arbor::km::transfer::encode_segment_header(
      {arbor::km::transfer::new_transfer_id(), 0, arbor::km::crypto::sha256_hex(signer.cert()),
       arbor::km::crypto::sha256_hex(self.cert())});
  header.replace(header.find("\"version\":1"), 11, "\"version\":7");
  join_objects(destination.data() / "v7.kmx",
               {arbor::km::crypto::seal_payload(header + "{}\n", signer.cert(), signer.key(), self.cert())});
  require_refused("v7.kmx", "format version 7 is not supported");
}

BOOST_AUTO_TEST_CASE(an_expired_transfer_is_refused) {
  write_file("old.kmx", some_users(2), std::size_t{1} << 20, arbor::km::system_clock().now() - std::chrono::days(31));
  require_refused("old.kmx", "expired");
}

BOOST_AUTO_TEST_CASE(a_transfer_already_imported_is_refused_saying_when) {
  require_refused("first.kmx", "was already imported on");
}

BOOST_AUTO_TEST_CASE(a_key_that_does_not_belong_to_its_certificate_is_refused) {
  auto users = some_users(3);
  users[2].keys.front().private_key_der = users[0].keys.front().private_key_der;
  write_file("mixed.kmx", users);
  require_refused("mixed.kmx", "does not belong to its certificate");
}

BOOST_AUTO_TEST_CASE(sigkill_at_each_failpoint_leaves_the_database_as_it_was_and_a_rerun_imports) {
  write_file("users.kmx", some_users(4), 2048);
  for (const std::string point : {"import-after-backup", "import-mid-transaction"}) {
    const auto before = dump();
    {
      const armed_failpoint armed(point);
      const auto r = import("users.kmx");
      BOOST_TEST(r.exit_code == killed, point << ": " << r.out << r.err);
    }
    BOOST_TEST(dump() == before, point);
  }
  const auto r = import("users.kmx");
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.out + r.err);
  BOOST_TEST(kms_server::item(r, "imported") == "4");
}

BOOST_AUTO_TEST_SUITE_END()
