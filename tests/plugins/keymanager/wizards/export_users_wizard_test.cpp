#define BOOST_TEST_MODULE export_users_wizard_test
// The Export Users wizard page by page, through the SDK interface the console uses: what each
// page shows and what each refuses, then a run without Certificate Services.
#include <boost/test/unit_test.hpp>

#include <sys/inotify.h>
#include <unistd.h>

#include <ctime>
#include <fstream>
#include <map>

#include "../crypto/crypto_test_support.hpp"
#include "../crypto/forged_certificate.hpp"
#include "../workflows/export_fixture.hpp"
#include "crypto/server_identity.hpp"
#include "crypto/thumbprint.hpp"
#include "store/audit_log.hpp"
#include "store/users.hpp"
#include "common/utc_time.hpp"
#include "wizards/factories.hpp"

using namespace arbor;
using namespace arbor::km;

namespace {

sdk::answer text(std::string value, sdk::field_kind kind = sdk::field_kind::text) {
  sdk::answer a;
  a.kind = kind;
  a.text = std::move(value);
  return a;
}

struct wizard_fixture : km::testing::export_fixture {
  wizards::environment env{{dir / "source", {}, {1, 8 * 1024, 1}, &clock}, nullptr, nullptr};
  std::unique_ptr<sdk::wizard> wizard = wizards::make_export_users_wizard(env);
  sdk::answers answers;
  std::filesystem::path pem = dir / "destination.pem";

  wizard_fixture() {
    std::ofstream(pem) << destination.certificate().pem();
    log_in(*wizard, answers);
    set("certificate", "path", pem.string(), sdk::field_kind::path);
    set("thumbprint", "thumbprint", crypto::sha256_hex(destination.certificate()));
    set("file", "name", "users.kmx");
    set("users", "scope", "all", sdk::field_kind::choice);
    answers.set("confirm", "confirm", yes());
  }

  static void log_in(sdk::wizard& w, sdk::answers& a) {
    BOOST_REQUIRE(w.prepare("login", a));
    a.set("login", "administrator", text("admin"));
    sdk::answer password;
    password.kind = sdk::field_kind::secret;
    password.secret = sdk::secret_text("password");
    a.set("login", "password", password);
    BOOST_REQUIRE(w.validate("login", a));
  }

  static sdk::answer yes() {
    sdk::answer a;
    a.kind = sdk::field_kind::confirmation;
    a.yes = true;
    return a;
  }

  void set(const char* page, const char* field, std::string value, sdk::field_kind kind = sdk::field_kind::text) {
    answers.set(page, field, text(std::move(value), kind));
  }
  // The message when `page` refuses its answers, empty when it accepts them.
  std::string refusal(const char* page) {
    const auto checked = wizard->validate(page, answers);
    return checked ? std::string{} : checked.error().message;
  }
  sdk::page prepared(const char* page) {
    auto p = wizard->prepare(page, answers);
    BOOST_REQUIRE_MESSAGE(p, (p ? "" : p.error().message));
    return p.value();
  }
};

std::map<std::string, sdk::summary_item> items_of(const sdk::summary& summary) {
  std::map<std::string, sdk::summary_item> items;
  for (const auto& item : summary.items) items[item.key] = item;
  return items;
}

// Counts the opens of one file while it is watched (inotify). Opens and closes alternate in the
// queue, so no two successive events are identical and none is coalesced.
class open_counter {
 public:
  explicit open_counter(const std::filesystem::path& file) : fd_(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) {
    BOOST_TEST_REQUIRE(fd_ >= 0);
    BOOST_TEST_REQUIRE(::inotify_add_watch(fd_, file.c_str(), IN_OPEN | IN_CLOSE_NOWRITE | IN_CLOSE_WRITE) >= 0);
  }
  ~open_counter() { ::close(fd_); }
  open_counter(const open_counter&) = delete;
  open_counter& operator=(const open_counter&) = delete;

  int opens() {
    alignas(inotify_event) char buffer[4096];
    for (ssize_t n; (n = ::read(fd_, buffer, sizeof buffer)) > 0;)
      for (ssize_t at = 0; at < n;) {
        const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
        if ((event->mask & IN_OPEN) != 0) ++opens_;
        at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      }
    return opens_;
  }

 private:
  int fd_;
  int opens_ = 0;
};

bool contains(const std::vector<std::string>& lines, const std::string& part) {
  for (const auto& line : lines)
    if (line.find(part) != std::string::npos) return true;
  return false;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(export_users_wizard, wizard_fixture)

BOOST_AUTO_TEST_CASE(the_pages_are_those_of_the_task_in_order) {
  std::vector<std::string> ids;
  for (const auto& page : wizard->spec().pages) ids.push_back(page.id);
  BOOST_TEST(ids == (std::vector<std::string>{"login", "certificate", "thumbprint", "file", "users", "confirm"}));
}

BOOST_AUTO_TEST_CASE(the_certificate_page_refuses_this_servers_own_certificate) {
  std::ofstream(dir / "own.pem") << source.certificate().pem();
  set("certificate", "path", (dir / "own.pem").string(), sdk::field_kind::path);
  BOOST_TEST(refusal("certificate").find("this server's own") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_certificate_page_refuses_a_file_that_is_not_a_certificate) {
  std::ofstream(dir / "notes.txt") << "hello\n";
  set("certificate", "path", (dir / "notes.txt").string(), sdk::field_kind::path);
  BOOST_TEST(!refusal("certificate").empty());
}

BOOST_AUTO_TEST_CASE(the_thumbprint_page_shows_subject_and_both_fingerprints_with_colons) {
  const auto page = prepared("thumbprint");
  const auto& cert = destination.certificate();
  BOOST_TEST(contains(page.info, cert.subject()));
  BOOST_TEST(contains(page.info, crypto::with_colons(crypto::sha1_hex(cert))));
  BOOST_TEST(contains(page.info, crypto::with_colons(crypto::sha256_hex(cert))));
}

BOOST_AUTO_TEST_CASE(the_thumbprint_page_refuses_eight_sha1_characters_and_says_what_to_type_instead) {
  set("thumbprint", "thumbprint", crypto::sha1_hex(destination.certificate()).substr(0, 8));
  const auto refused = refusal("thumbprint");
  BOOST_TEST(refused.find("no longer accepted") != std::string::npos, refused);
  BOOST_TEST(refused.find("short code") != std::string::npos, refused);
  BOOST_TEST(refused.find("Save the KMS Certificate") != std::string::npos, refused);
}

BOOST_AUTO_TEST_CASE(the_thumbprint_page_accepts_the_short_code_and_refuses_a_mismatch) {
  const auto code = crypto::grouped(crypto::short_code(destination.certificate()));
  set("thumbprint", "thumbprint", code);
  BOOST_TEST(refusal("thumbprint").empty());
  set("thumbprint", "thumbprint", code.substr(0, 8) + (code[8] == '0' ? "1" : "0"));
  BOOST_TEST(refusal("thumbprint").find("does not match the short code") != std::string::npos);
  set("thumbprint", "thumbprint", crypto::sha1_hex(source.certificate()));
  BOOST_TEST(!refusal("thumbprint").empty());
}

BOOST_AUTO_TEST_CASE(the_certificate_page_refuses_a_certificate_whose_signature_bytes_were_changed) {
  std::ofstream(pem) << test::with_signature_altered(destination.certificate()).pem();
  BOOST_TEST(refusal("certificate").find("altered after it was signed") != std::string::npos);
}

// The attack of issue 13, F2: the forger's key, the destination's subject, signature bytes ground
// until the SHA-1 thumbprint shares its first digits (4 here, 8 in the attack) with the real one.
BOOST_AUTO_TEST_CASE(a_certificate_ground_to_share_the_sha1_prefix_is_refused) {
  const auto& real = destination.certificate();
  const auto forgers = crypto::server_identity::generate(crypto::key_type::ec_p384, "Destination KMS",
                                                         std::chrono::days(30), clock.now());
  const auto forged = test::ground_to_share_sha1_prefix(real, forgers.cert(), 4);
  BOOST_REQUIRE(forged.subject() == real.subject());
  BOOST_REQUIRE(crypto::sha1_hex(forged).substr(0, 4) == crypto::sha1_hex(real).substr(0, 4));
  std::ofstream(pem) << forged.pem();
  BOOST_TEST(!refusal("certificate").empty());
  set("thumbprint", "thumbprint", crypto::sha1_hex(real).substr(0, 8));
  BOOST_TEST(!refusal("thumbprint").empty());
}

BOOST_AUTO_TEST_CASE(the_certificate_page_refuses_a_certificate_that_is_not_a_key_manager_identity) {
  clock.set(arbor::km::system_clock().now());  // the openssl tool's certificate is valid from now on
  const auto ca = test::make_cli_certificate(dir, "Destination KMS", "ec -pkeyopt ec_paramgen_curve:P-384");
  set("certificate", "path", ca.string(), sdk::field_kind::path);
  BOOST_TEST(refusal("certificate").find("not a Key Management server's certificate") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(refused_certificates_and_thumbprints_are_audited) {
  std::ofstream(pem) << test::with_signature_altered(destination.certificate()).pem();
  BOOST_REQUIRE(!refusal("certificate").empty());
  std::ofstream(pem) << destination.certificate().pem();
  set("thumbprint", "thumbprint", crypto::sha256_hex(source.certificate()));
  BOOST_REQUIRE(!refusal("thumbprint").empty());
  std::vector<std::string> refused;
  for (const auto& entry : store::audit_log(source.db()).recent(10))
    if (entry.event == "users-export-refused" && entry.outcome == store::audit_outcome::failure)
      refused.push_back(entry.detail);
  BOOST_REQUIRE(refused.size() == 2u);
  BOOST_TEST(refused[0].find("does not match") != std::string::npos, refused[0]);
  BOOST_TEST(refused[1].find("altered after it was signed") != std::string::npos, refused[1]);
  BOOST_TEST(refused[1].find(pem.string()) != std::string::npos, refused[1]);
}

BOOST_AUTO_TEST_CASE(the_file_page_refuses_a_path_and_warns_about_an_interrupted_export) {
  set("file", "name", "../users.kmx");
  BOOST_TEST(!refusal("file").empty());
  std::ofstream(source.directory().root() / "old.kmx.tmp-0123456789abcdef") << "partial";
  BOOST_TEST(contains(prepared("file").info, "old.kmx.tmp-0123456789abcdef"));
}

BOOST_AUTO_TEST_CASE(the_users_page_lists_aliases_counts_the_choice_and_refuses_nobody) {
  user("alice", 0);
  user("bob", 0);
  set("users", "scope", "pattern", sdk::field_kind::choice);
  set("users", "pattern", "b*");
  const auto page = prepared("users");
  BOOST_TEST(page.fields[1].options == (std::vector<std::string>{"alice", "bob"}));
  BOOST_TEST(contains(page.info, "The pattern 'b*' matches 1 user:"));  // issue 16: the count of a pattern is its preview
  BOOST_TEST(contains(page.info, "  bob"));
  set("users", "scope", "all", sdk::field_kind::choice);
  BOOST_TEST(contains(prepared("users").info, "covers 2 users"));
  set("users", "scope", "pattern", sdk::field_kind::choice);
  set("users", "pattern", "nobody*");
  BOOST_TEST(!refusal("users").empty());
}

// Prepared again while the pattern is typed (SDK 1.2 live pages): the count and the first five
// matching aliases, however many match.
BOOST_AUTO_TEST_CASE(the_users_page_previews_a_pattern_with_the_count_and_the_first_matches) {
  for (const char* alias : {"sales-a", "sales-b", "sales-c", "sales-d", "sales-e", "sales-f", "sales-g", "other"})
    user(alias, 0);
  set("users", "scope", "pattern", sdk::field_kind::choice);
  set("users", "pattern", "SALES-*");
  const auto info = prepared("users").info;
  BOOST_TEST(contains(info, "The pattern 'SALES-*' matches 7 users:"));
  BOOST_TEST(contains(info, "  sales-e"));
  BOOST_TEST(!contains(info, "  sales-f"));
  BOOST_TEST(!contains(info, "other"));
  BOOST_TEST(contains(info, "  ... and 2 more"));
  set("users", "pattern", "nobody*");
  BOOST_TEST(contains(prepared("users").info, "The pattern 'nobody*' matches 0 users."));
}

BOOST_AUTO_TEST_CASE(the_confirm_page_says_what_will_happen_and_needs_a_yes) {
  user("alice", 1);
  const auto page = prepared("confirm");
  BOOST_TEST(contains(page.info, "1 users will be written"));
  BOOST_TEST(contains(page.info, "revoked at Certificate Services"));
  BOOST_TEST(contains(page.info, "removed from this server"));
  BOOST_TEST(contains(page.info, "not configured"));
  answers.erase("confirm", "confirm");
  BOOST_TEST(!refusal("confirm").empty());
}

BOOST_AUTO_TEST_CASE(a_run_without_certificate_services_reports_every_user_as_not_revoked) {
  user("alice", 1);
  user("carol", 0);
  const auto summary = wizard->run(answers);
  BOOST_REQUIRE_MESSAGE(summary, (summary ? "" : summary.error().message));
  std::map<std::string, std::string> values;
  for (const auto& item : summary.value().items) values[item.key] = item.value;
  BOOST_TEST(values["exported"] == "1");
  BOOST_TEST(values["no_key_history"] == "1");
  BOOST_TEST(values["not_revoked"] == "1");
  BOOST_TEST(values["file"] == (source.directory().root() / "users.kmx").string());
  BOOST_TEST(values.count("backup") == 1u);
  BOOST_TEST(values["transfer_id"].size() == 32u);
}

// The certificate page reads and checks the file; every later page and the run use those bytes.
BOOST_AUTO_TEST_CASE(one_export_through_every_page_opens_the_destination_certificate_once) {
  user("alice", 1);
  open_counter counter(pem);
  for (const char* page : {"certificate", "thumbprint", "file", "users", "confirm"}) {
    prepared(page);
    BOOST_TEST_REQUIRE(refusal(page).empty(), page);
    counter.opens();  // drained after every call, so the queue never overflows
  }
  const auto summary = wizard->run(answers);
  BOOST_REQUIRE_MESSAGE(summary, (summary ? "" : summary.error().message));
  BOOST_TEST(counter.opens() == 1);
}

BOOST_AUTO_TEST_CASE(a_restore_warns_of_exported_users_it_brings_back_and_they_go_to_the_same_server_only_on_request) {
  user("alice", 1);
  user("bob", 1);
  const auto exported = wizard->run(answers);
  BOOST_REQUIRE_MESSAGE(exported, (exported ? "" : exported.error().message));
  auto first = items_of(exported.value());
  const std::string transfer_id = first["transfer_id"].value;

  // The backup the export took first has both users: restoring it brings them back, and says so.
  auto restore = wizards::make_restore_wizard(env);
  sdk::answers r;
  log_in(*restore, r);
  r.set("backup", "file", text(first["backup"].value, sdk::field_kind::path));
  r.set("backup", "confirm", yes());
  const auto restored = restore->run(r);
  BOOST_REQUIRE_MESSAGE(restored, (restored ? "" : restored.error().message));
  const auto back = items_of(restored.value())["exported_users_back"];
  BOOST_REQUIRE(back.details.size() == 1u);
  BOOST_TEST(back.details[0].find(transfer_id) != std::string::npos);
  BOOST_TEST(back.details[0].find(utc_text(clock.now())) != std::string::npos);
  BOOST_TEST(back.details[0].find("2 of the 2 users it took (alice, bob)") != std::string::npos);

  // Exporting them to the same server again is refused by default, naming them and the transfer.
  auto again = wizards::make_export_users_wizard(env);
  log_in(*again, answers);
  set("file", "name", "users-again.kmx");
  const auto refused = again->validate("confirm", answers);
  BOOST_REQUIRE(!refused);
  BOOST_TEST(refused.error().message.find("alice, bob") != std::string::npos);
  BOOST_TEST(refused.error().message.find(transfer_id) != std::string::npos);
  BOOST_TEST(contains(again->prepare("confirm", answers).value().info, transfer_id));
  const auto run_refused = again->run(answers);
  BOOST_REQUIRE(!run_refused);
  BOOST_TEST(run_refused.error().message.find(transfer_id) != std::string::npos);
  BOOST_TEST(store::user_repository(source.db()).count() == 2);

  answers.set("confirm", "again", yes());
  BOOST_TEST(static_cast<bool>(again->validate("confirm", answers)));
  const auto second = again->run(answers);
  BOOST_REQUIRE_MESSAGE(second, (second ? "" : second.error().message));
  BOOST_TEST(items_of(second.value())["exported"].value == "2");
}

BOOST_AUTO_TEST_SUITE_END()
