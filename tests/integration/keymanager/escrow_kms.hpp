#pragma once
// A Key Management server wired to a real Certificate Services (cfssl) for the escrow
// integration tests, with the tasks they run: enroll, complete an enrollment, revoke, recover.
#include "ca_server.hpp"
#include "kms_fixture.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <map>
#include <string>

namespace arbor::test {

/// The number of times `needle` occurs in `text`.
inline int occurrences(const std::string& text, const std::string& needle) {
  int n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
  return n;
}

struct escrow_kms {
  km::ca::testing::ca_server ca;
  kms_server kms{"escrow"};

  escrow_kms() { point_at(ca.url()); }

  /// Sets the CA address (and optionally the timeouts) on the Certificate Services tab.
  void point_at(const std::string& url, long connect_ms = 2000, long total_ms = 10000) const {
    const auto r = kms.run("certificate-services", R"({"operation":{"action":"set"},"login":{"administrator":"admin"}})",
                           {"password"},
                           {"ca.url=" + url, "ca.connect_timeout_ms=" + std::to_string(connect_ms),
                            "ca.total_timeout_ms=" + std::to_string(total_ms)});
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.out + r.err);
  }

  /// Runs Enroll Users with `sets` on the users page; returns alias -> token from the summary.
  std::map<std::string, std::string> enroll(const std::string& source, std::vector<std::string> sets) const {
    const auto r = enroll_run(source, std::move(sets));
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.out + r.err);
    std::map<std::string, std::string> tokens;
    const boost::json::value summary = boost::json::parse(r.out);
    for (const auto& row : summary.at("table").at("rows").as_array())
      tokens[std::string(row.at("user").as_string())] = std::string(row.at("token").as_string());
    return tokens;
  }
  arbor_result enroll_run(const std::string& source, std::vector<std::string> sets) const {
    sets.push_back("source.source=" + source);
    return kms.run("enroll-users", login_as(), {"password"}, sets);
  }
  std::string enroll_one(const std::string& alias) const {
    return enroll("manual", {"users.alias=" + alias, "users.display_name=User " + alias,
                             "users.email=" + alias + "@example.org"})
        .at(alias);
  }
  std::string reenroll(const std::string& alias) const { return enroll("re-enroll", {"users.alias=" + alias}).at(alias); }

  /// Runs a token task (complete-enrollment, redeem-recovery) writing the PKCS#12 to `output`.
  arbor_result redeem(const std::string& action, const std::string& alias, const std::string& token,
                      const std::filesystem::path& output) const {
    return kms.run(action, "{}", {token, user_password, user_password},
                   {"token.alias=" + alias, "token.output=" + output.string()});
  }
  std::filesystem::path complete(const std::string& alias, const std::string& token) const {
    const auto output = kms.root() / (alias + "-" + token.substr(0, 6) + ".p12");
    const auto r = redeem("complete-enrollment", alias, token, output);
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.out + r.err);
    return output;
  }

  arbor_result revoke(const std::string& alias, const std::string& keys = "current") const {
    return kms.run("revoke-certificates", login_as(), {"password"},
                   {"revoke.users=" + alias, "revoke.keys=" + keys, "revoke.reason=keyCompromise", "revoke.confirm=yes"});
  }

  /// What `openssl pkcs12` prints for a file made for the test user: certificates or keys.
  std::string pkcs12(const std::filesystem::path& file, const std::string& options) const {
    return shell("openssl pkcs12 -in " + quoted(file.string()) + " -passin pass:" + user_password + " " + options +
                 " 2>/dev/null");
  }

  /// The status cfssl recorded for a serial (decimal) in its own certificate database.
  std::string ca_status(const std::string& serial) const {
    return shell("sqlite3 " + quoted(ca.certificate_db().string()) + " " +
                 quoted("SELECT status FROM certificates WHERE serial_number = '" + serial + "';"));
  }
};

}  // namespace arbor::test
