#define BOOST_TEST_MODULE ca_cfssl_integration_test
#include <boost/test/unit_test.hpp>
#include <sqlite3.h>

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "ca/certificate_identity.hpp"
#include "ca/cfssl_client.hpp"
#include "ca_server.hpp"
#include "csr.hpp"

namespace ca = arbor::km::ca;
namespace crypto = arbor::km::crypto;
using arbor::km::errc;
using ca::testing::ca_server;
using ca::testing::make_csr;

namespace {

struct sqlite_close {
  void operator()(sqlite3* db) const noexcept { sqlite3_close(db); }
};
struct sqlite_finalize {
  void operator()(sqlite3_stmt* s) const noexcept { sqlite3_finalize(s); }
};

// The status cfssl recorded for a serial in its own certificate database ("" if absent).
std::string status_in_ca_db(const ca_server& server, const std::string& serial) {
  sqlite3* raw = nullptr;
  const int opened = sqlite3_open_v2(server.certificate_db().c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  std::unique_ptr<sqlite3, sqlite_close> db(raw);
  BOOST_TEST_REQUIRE(opened == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  BOOST_TEST_REQUIRE(sqlite3_prepare_v2(db.get(), "SELECT status FROM certificates WHERE serial_number = ?1", -1,
                                        &statement, nullptr) == SQLITE_OK);
  std::unique_ptr<sqlite3_stmt, sqlite_finalize> query(statement);
  sqlite3_bind_text(query.get(), 1, serial.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(query.get()) != SQLITE_ROW) return {};
  return reinterpret_cast<const char*>(sqlite3_column_text(query.get(), 0));
}

// A running cfssl and a client for it; the server is stopped and removed even if a test fails.
struct running_ca {
  ca_server server;
  ca::cfssl_client client{ca::connection_settings{server.url()}};

  crypto::certificate enroll(const std::string& name) {
    return client.enroll(make_csr(name), {name, name + "@example.org"});
  }
};

ca::revocation moved(const crypto::certificate& cert) {
  return ca::revocation_for(cert, ca::revocation_reason::affiliation_changed);
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cfssl, running_ca)

BOOST_AUTO_TEST_CASE(enrolled_certificate_verifies_against_the_ca) {
  const crypto::certificate cert = enroll("alice");
  BOOST_TEST(!cert.der().empty());
  BOOST_TEST(!cert.authority_key_id_hex().value_or("").empty());
  const auto pem_file = server.dir() / "alice.pem";
  std::ofstream(pem_file) << cert.pem();
  BOOST_CHECK_NO_THROW(ca::testing::run_or_throw("openssl verify -CAfile '" + server.ca_certificate().string() +
                                                 "' '" + pem_file.string() + "' >/dev/null"));
  BOOST_TEST(status_in_ca_db(server, cert.serial_decimal()) == "good");
}

BOOST_AUTO_TEST_CASE(revoke_is_recorded_as_revoked_in_the_cas_database) {
  const crypto::certificate cert = enroll("bob");
  const ca::revoke_result result = client.revoke(moved(cert));
  BOOST_TEST(result.confirmed(), (result.failure ? result.failure->what() : ""));
  BOOST_TEST(status_in_ca_db(server, cert.serial_decimal()) == "revoked");
}

BOOST_AUTO_TEST_CASE(revoke_of_an_unknown_serial_is_refused_by_the_ca) {
  const ca::revoke_result result = client.revoke({"12345", "", ca::revocation_reason::superseded});
  BOOST_TEST_REQUIRE(!result.confirmed());
  BOOST_TEST(static_cast<int>(result.failure->code()) == static_cast<int>(errc::ca_error));
  BOOST_TEST(std::string(result.failure->what()).find("certificate not found") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(enroll_of_a_malformed_csr_reports_the_cas_reason) {
  BOOST_CHECK_EXCEPTION(client.enroll("not a CSR", {}), arbor::km::error, [](const arbor::km::error& e) {
    return e.code() == errc::ca_error && std::string(e.what()).find("CSR Decode failed") != std::string::npos;
  });
}

BOOST_AUTO_TEST_CASE(revoke_all_of_fifty_certificates_eight_at_a_time_confirms_each) {
  ca::cfssl_client eight_at_a_time(ca::connection_settings{server.url(), 2000, 10000, 8});
  std::vector<ca::revocation> requests;
  for (int i = 0; i < 50; ++i) requests.push_back(moved(enroll("user" + std::to_string(i))));

  const std::vector<ca::revoke_result> results = eight_at_a_time.revoke_all(requests);

  BOOST_TEST_REQUIRE(results.size() == requests.size());
  for (const ca::revoke_result& result : results) {
    BOOST_TEST(result.confirmed(), result.request.serial_decimal << ": " << (result.failure ? result.failure->what() : ""));
    BOOST_TEST(status_in_ca_db(server, result.request.serial_decimal) == "revoked");
  }
}

BOOST_AUTO_TEST_CASE(revoke_after_the_ca_stopped_is_ca_unreachable) {
  const crypto::certificate cert = enroll("carol");
  server.stop();
  const ca::revoke_result result = client.revoke(moved(cert));
  BOOST_TEST_REQUIRE(!result.confirmed());
  BOOST_TEST(static_cast<int>(result.failure->code()) == static_cast<int>(errc::ca_unreachable));
  BOOST_TEST(std::string(result.failure->what()).find(server.url()) != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
