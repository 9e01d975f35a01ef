#define BOOST_TEST_MODULE keymanager_import_round_trip_test
// The full move of users between two Key Management servers, each step through `arbor run`,
// against a real cfssl: server A enrolls users, B saves its certificate, A exports to it, B
// imports. Every key and certificate on B is the one A had (compared by unsealing on both sides),
// A no longer holds them, cfssl shows A's certificates revoked, and Recover Keys on B gives a
// PKCS#12 file that `openssl pkcs12` opens with the original keys.
#include "export_kms.hpp"
#include "import_kms.hpp"

#include <openssl/pem.h>
#include <openssl/sha.h>

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <map>
#include <set>

#include "common/hex.hpp"
#include "crypto/ossl.hpp"
#include "crypto/private_key.hpp"
#include "instance/key_sealing.hpp"
#include "store/key_history.hpp"
#include "store/sqlite.hpp"
#include "store/users.hpp"

using arbor::test::export_kms;
using arbor::test::keys_of;
using arbor::test::kms_server;
using arbor::test::login_as;
using arbor::test::quoted;
using arbor::test::shell;

namespace fs = std::filesystem;
namespace km = arbor::km;

namespace {

// One escrowed key as both servers must agree on it.
struct escrowed_key {
  std::string user_id;
  std::string alias;
  std::string pkcs8_sha256;  // the private key itself, compared without printing it
  std::string public_key_sha256;
  bool operator==(const escrowed_key&) const = default;
};

std::string sha256_of(const km::secret& bytes) {
  unsigned char digest[32];
  SHA256(bytes.data(), bytes.size(), digest);
  return km::to_hex(digest);
}

// Every key in `server`'s escrow, by certificate SHA-256, opened with its own keys.
std::map<std::string, escrowed_key> escrowed_keys(const kms_server& server) {
  const auto opened = keys_of(server);
  km::store::sqlite::connection db(server.db(), {.create = false});
  km::store::key_history_repository history(db);
  std::vector<km::store::user_record> users;
  km::store::user_repository(db).for_each([&](const km::store::user_record& u) { users.push_back(u); });
  std::map<std::string, escrowed_key> keys;
  for (const auto& user : users) {
    for (const auto& entry : history.list_for_user(user.user_id)) {
      const auto key = km::unseal_user_key(opened, entry);
      keys[entry.cert_sha256] = {user.user_id, user.alias, sha256_of(key.to_pkcs8_der()), key.public_key_sha256_hex()};
    }
  }
  return keys;
}

// The public-key SHA-256 of every private key in PEM `text` (what `openssl pkcs12 -nocerts` prints).
std::set<std::string> public_keys_in(const std::string& text) {
  km::crypto::ossl::bio_ptr in(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
  std::set<std::string> keys;
  while (EVP_PKEY* raw = PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, nullptr))
    keys.insert(km::crypto::private_key(km::crypto::ossl::pkey_ptr(raw)).public_key_sha256_hex());
  return keys;
}

// SHA-256 fingerprints (lowercase, no colons) of every certificate in PEM `text`.
std::set<std::string> certificates_in(const std::string& text) {
  km::crypto::ossl::bio_ptr in(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
  std::set<std::string> certs;
  while (X509* raw = PEM_read_bio_X509(in.get(), nullptr, nullptr, nullptr)) {
    km::crypto::ossl::x509_ptr cert(raw);
    unsigned char digest[32];
    unsigned int size = 0;
    X509_digest(cert.get(), EVP_sha256(), digest, &size);
    certs.insert(km::to_hex({digest, size}));
  }
  return certs;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(round_trip, export_kms)

BOOST_AUTO_TEST_CASE(users_moved_to_another_server_keep_every_key_and_recover_them_there) {
  add_known_mix(false);  // alice with two keys, bob with one, carol never enrolled
  const auto on_source = escrowed_keys(kms);
  BOOST_REQUIRE(on_source.size() == 3u);
  const auto alice_serials = serials_of(alice);
  const auto bob_serials = serials_of(bob);

  const auto exported = export_users();
  BOOST_REQUIRE_MESSAGE(exported.exit_code == 0, exported.out + exported.err);
  fs::copy_file(file(), destination.data() / "users.kmx");
  const auto source_pem = kms.root() / "source.pem";
  BOOST_REQUIRE(kms.run("save-kms-certificate", login_as(), {"password"}, {"file.path=" + source_pem.string()})
                    .exit_code == 0);

  const auto imported = destination.run(
      "import-users", login_as(), {"password"},
      {"file.name=users.kmx", "source.thumbprint=" + arbor::test::openssl_fingerprint(source_pem), "confirm.confirm=yes"});
  BOOST_REQUIRE_MESSAGE(imported.exit_code == 0, imported.out + imported.err);
  BOOST_TEST(kms_server::item(imported, "imported") == "2");
  BOOST_TEST(kms_server::item(imported, "keys_imported") == "3");
  BOOST_TEST(kms_server::item(imported, "not_imported") == "0");

  BOOST_TEST((escrowed_keys(destination) == on_source));
  // The source revoked them after writing the file: none arrives as a current certificate.
  BOOST_TEST(destination.sql("SELECT DISTINCT status FROM key_history;") == "revoked\n");
  BOOST_TEST(users_in_database().empty());
  BOOST_TEST(kms.sql("SELECT count(*) FROM key_history;") == "0\n");
  for (const auto& serial : alice_serials) BOOST_TEST(ca_status(serial) == "revoked\n");
  for (const auto& serial : bob_serials) BOOST_TEST(ca_status(serial) == "revoked\n");

  const auto issued = destination.run("recover-keys", login_as(), {"password"}, {"user.user=alice"});
  BOOST_REQUIRE_MESSAGE(issued.exit_code == 0, issued.out + issued.err);
  const auto p12 = destination.root() / "alice.p12";
  const auto redeemed = destination.run("redeem-recovery", "{}",
                                        {kms_server::item(issued, "token"), arbor::test::user_password,
                                         arbor::test::user_password},
                                        {"token.alias=alice", "token.output=" + p12.string()});
  BOOST_REQUIRE_MESSAGE(redeemed.exit_code == 0, redeemed.out + redeemed.err);

  std::set<std::string> alice_public_keys, alice_certificates;
  for (const auto& [cert_sha256, key] : on_source) {
    if (key.alias != "alice") continue;
    alice_public_keys.insert(key.public_key_sha256);
    alice_certificates.insert(cert_sha256);
  }
  const auto open = [&](const std::string& options) {
    return shell("openssl pkcs12 -in " + quoted(p12.string()) + " -passin pass:" + arbor::test::user_password + " " +
                 options + " 2>/dev/null");
  };
  BOOST_TEST((public_keys_in(open("-nocerts -nodes")) == alice_public_keys));
  BOOST_TEST((certificates_in(open("-nokeys")) == alice_certificates));
}

BOOST_AUTO_TEST_SUITE_END()
