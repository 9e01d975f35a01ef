#define BOOST_TEST_MODULE keymanager_escrow_integration_test
// Enroll Users, Complete Enrollment, Revoke Certificates, Retry Pending Revocations, Recover Keys
// and Redeem Recovery Token through `arbor run`, against a real cfssl: issued certificates verify
// against the CA, revocations land in cfssl's own database, PKCS#12 files open with openssl, and
// a CA that is down or hangs leaves revocations queued.
#include "escrow_kms.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

using arbor::test::escrow_kms;
using arbor::test::login_as;
using arbor::test::occurrences;
using arbor::test::quoted;
using arbor::test::shell;

namespace fs = std::filesystem;

namespace {

// A TCP port on 127.0.0.1 that accepts connections (the kernel completes them) and never answers.
class silent_port {
 public:
  silent_port() : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    BOOST_REQUIRE(fd_ >= 0);
    BOOST_REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&address), size) == 0);
    BOOST_REQUIRE(::listen(fd_, 16) == 0);
    BOOST_REQUIRE(::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size) == 0);
    port_ = ntohs(address.sin_port);
  }
  ~silent_port() { ::close(fd_); }
  silent_port(const silent_port&) = delete;
  silent_port& operator=(const silent_port&) = delete;
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  int fd_;
  int port_ = 0;
};

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(escrow, escrow_kms)

BOOST_AUTO_TEST_CASE(a_completed_enrollment_gives_a_pkcs12_whose_certificate_verifies_against_the_ca) {
  const auto token = enroll_one("alice");
  BOOST_TEST(kms.sql("SELECT state FROM users WHERE alias = 'alice';") == "pending-enrollment\n");
  BOOST_TEST(kms.sql("SELECT count(*) FROM enrollment_tokens WHERE token_hash = '" + token + "';") == "0\n");

  const auto p12 = complete("alice", token);
  struct stat st {};
  BOOST_TEST_REQUIRE(::stat(p12.c_str(), &st) == 0);
  BOOST_TEST((st.st_mode & 0777) == 0600u);
  const auto cert = kms.root() / "alice.pem";
  std::ofstream(cert) << pkcs12(p12, "-nokeys -clcerts");
  BOOST_TEST(shell("openssl verify -CAfile " + quoted(ca.ca_certificate().string()) + " " + quoted(cert.string())) ==
             cert.string() + ": OK\n");
  BOOST_TEST(occurrences(pkcs12(p12, "-nocerts -nodes"), "BEGIN PRIVATE KEY") == 1);
  BOOST_TEST(kms.sql("SELECT state FROM users WHERE alias = 'alice';") == "active\n");
  const auto serial = first_line(kms.sql("SELECT serial_decimal FROM key_history;"));
  BOOST_TEST(ca_status(serial) == "good\n");
}

BOOST_AUTO_TEST_CASE(a_csv_file_enrolls_every_user_and_a_broken_line_enrolls_none) {
  const auto good = kms.root() / "users.csv";
  std::ofstream(good) << "alias,display name,email\nbob,\"Builder, Bob\",bob@example.org\ncarol,Carol,carol@example.org\n";
  BOOST_TEST(enroll("csv", {"users.csv=" + good.string()}).size() == 2u);

  const auto broken = kms.root() / "broken.csv";
  std::ofstream(broken) << "alias,display name,email\ndave,Dave,dave@example.org\nerin,Erin\n";
  const auto r = enroll_run("csv", {"users.csv=" + broken.string()});
  BOOST_TEST(r.exit_code == 3);
  BOOST_TEST(r.out.find("line 3 of broken.csv") != std::string::npos, r.out);
  BOOST_TEST(kms.sql("SELECT count(*) FROM users;") == "2\n");
}

BOOST_AUTO_TEST_CASE(an_existing_user_is_refused_and_nothing_is_added) {
  enroll_one("alice");
  const auto r = enroll_run("manual", {"users.alias=ALICE", "users.email=other@example.org"});
  BOOST_TEST(r.exit_code != 0);
  BOOST_TEST(r.out.find("already exists") != std::string::npos, r.out);
  BOOST_TEST(kms.sql("SELECT count(*) FROM users;") == "1\n");
}

BOOST_AUTO_TEST_CASE(used_and_expired_tokens_are_refused) {
  const auto alice = enroll_one("alice");
  complete("alice", alice);
  const auto reused = redeem("complete-enrollment", "alice", alice, kms.root() / "again.p12");
  BOOST_TEST(reused.exit_code == 3);
  BOOST_TEST(reused.out.find("already used") != std::string::npos, reused.out);
  BOOST_TEST(!fs::exists(kms.root() / "again.p12"));

  const auto bob = enroll_one("bob");
  kms.sql("UPDATE enrollment_tokens SET expires_at = 1;");  // the only way to age a token without waiting
  const auto expired = redeem("complete-enrollment", "bob", bob, kms.root() / "bob.p12");
  BOOST_TEST(expired.exit_code == 3);
  BOOST_TEST(expired.out.find("expired") != std::string::npos, expired.out);
  BOOST_TEST(kms.sql("SELECT count(*) FROM key_history;") == "1\n");
}

BOOST_AUTO_TEST_CASE(re_enrolling_adds_a_second_key_and_recovery_returns_both) {
  complete("alice", enroll_one("alice"));
  complete("alice", reenroll("alice"));
  BOOST_TEST(kms.sql("SELECT count(*) FROM key_history;") == "2\n");

  const auto issued = kms.run("recover-keys", login_as(), {"password"}, {"user.user=alice"});
  BOOST_REQUIRE_MESSAGE(issued.exit_code == 0, issued.out + issued.err);
  const auto recovered = kms.root() / "recovered.p12";
  const auto r = redeem("redeem-recovery", "alice", arbor::test::kms_server::item(issued, "token"), recovered);
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.out + r.err);
  BOOST_TEST(occurrences(pkcs12(recovered, "-nokeys"), "BEGIN CERTIFICATE") == 2);
  BOOST_TEST(occurrences(pkcs12(recovered, "-nocerts -nodes"), "BEGIN PRIVATE KEY") == 2);
}

BOOST_AUTO_TEST_CASE(a_user_who_never_enrolled_has_no_history_and_nothing_to_recover) {
  enroll_one("bob");
  BOOST_TEST(kms.sql("SELECT count(*) FROM key_history;") == "0\n");
  const auto shown = kms.arbor({"show", arbor::test::kms_node});
  BOOST_TEST(shown.out.find("pending-enrollment") != std::string::npos, shown.out);
  const auto r = kms.run("recover-keys", login_as(), {"password"}, {"user.user=bob"});
  BOOST_TEST(r.exit_code == 3);
}

BOOST_AUTO_TEST_CASE(a_revocation_is_recorded_in_the_cas_database) {
  complete("alice", enroll_one("alice"));
  const auto r = revoke("alice");
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.out + r.err);
  BOOST_TEST(arbor::test::kms_server::item(r, "revoked") == "1");
  BOOST_TEST(ca_status(first_line(kms.sql("SELECT serial_decimal FROM key_history;"))) == "revoked\n");
  BOOST_TEST(kms.sql("SELECT status FROM key_history;") == "revoked\n");
}

BOOST_AUTO_TEST_CASE(with_the_ca_stopped_a_revocation_waits_in_the_queue_until_retried) {
  complete("alice", enroll_one("alice"));
  ca.stop();
  const auto r = revoke("alice");
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.out + r.err);
  BOOST_TEST(arbor::test::kms_server::item(r, "queued") == "1");
  BOOST_TEST(kms.sql("SELECT status FROM key_history;") == "revocation-pending\n");
  BOOST_TEST(kms.sql("SELECT attempts FROM pending_revocations;") == "1\n");
  const auto shown = kms.arbor({"show", arbor::test::kms_node});
  BOOST_TEST(shown.out.find("Retry Pending Revocations") != std::string::npos, shown.out);

  const auto url = first_line(shell("'" ARBOR_SOURCE_DIR "/scripts/ca-server' start " + quoted(ca.dir().string())));
  point_at(url);
  const auto retried = kms.run("retry-pending-revocations", login_as(), {"password"});
  BOOST_REQUIRE_MESSAGE(retried.exit_code == 0, retried.out + retried.err);
  BOOST_TEST(arbor::test::kms_server::item(retried, "confirmed") == "1");
  BOOST_TEST(kms.sql("SELECT count(*) FROM pending_revocations;") == "0\n");
  BOOST_TEST(ca_status(first_line(kms.sql("SELECT serial_decimal FROM key_history;"))) == "revoked\n");
}

BOOST_AUTO_TEST_CASE(a_ca_that_never_answers_times_out_and_the_revocation_is_queued) {
  complete("alice", enroll_one("alice"));
  const silent_port hung;
  point_at(hung.url(), 500, 1000);
  const auto r = revoke("alice");
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.out + r.err);
  BOOST_TEST(arbor::test::kms_server::item(r, "queued") == "1");
  BOOST_TEST(kms.sql("SELECT last_error FROM pending_revocations;").find("did not answer within the timeout of 1000 ms") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(with_the_ca_stopped_an_enrollment_stores_nothing_and_the_token_still_works) {
  const auto token = enroll_one("alice");
  ca.stop();
  const auto r = redeem("complete-enrollment", "alice", token, kms.root() / "alice.p12");
  BOOST_TEST(r.exit_code == 5);
  BOOST_TEST(kms.sql("SELECT count(*) FROM key_history;") == "0\n");
  BOOST_TEST(!fs::exists(kms.root() / "alice.p12"));
  point_at(first_line(shell("'" ARBOR_SOURCE_DIR "/scripts/ca-server' start " + quoted(ca.dir().string()))));
  complete("alice", token);
  BOOST_TEST(kms.sql("SELECT count(*) FROM key_history;") == "1\n");
}

BOOST_AUTO_TEST_SUITE_END()
