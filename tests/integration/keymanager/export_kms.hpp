#pragma once
// Two Key Management servers for the Export Users integration tests: the source (wired to a real
// cfssl, from escrow_kms.hpp) with a known mix of users, and the destination whose certificate
// Save the KMS Certificate wrote. Reads export files back as the destination would.
#include "common/clock.hpp"
#include "crypto/server_identity.hpp"
#include "escrow_kms.hpp"
#include "server_keys.hpp"
#include "transfer/transfer_reader.hpp"

#include <set>
#include <string>
#include <vector>

namespace arbor::test {

/// The lines of `text` as a set (sqlite3 prints one value a line).
inline std::set<std::string> lines_of(const std::string& text) {
  std::set<std::string> lines;
  std::size_t start = 0;
  for (auto end = text.find('\n'); end != std::string::npos; start = end + 1, end = text.find('\n', start))
    if (end > start) lines.insert(text.substr(start, end - start));
  return lines;
}

struct export_kms : escrow_kms {
  kms_server destination{"destination"};
  std::filesystem::path destination_pem = kms.root() / "destination.pem";
  std::string alice, bob, carol;  // user ids: two keys, one key the CA will not revoke, no key
  std::string destination_code;     // the short code the destination's Save the KMS Certificate shows

  export_kms() {
    const auto saved = destination.run("save-kms-certificate", login_as(), {"password"},
                                       {"file.path=" + destination_pem.string()});
    BOOST_REQUIRE_MESSAGE(saved.exit_code == 0, saved.out + saved.err);
    destination_code = kms_server::item(saved, "short_code");
  }

  /// alice (two keys), bob (one key) and carol (never enrolled). With `refuse_bob`, bob's
  /// certificate is removed from cfssl's database, so cfssl refuses to revoke it.
  void add_known_mix(bool refuse_bob = true) {
    complete("alice", enroll_one("alice"));
    complete("alice", reenroll("alice"));
    complete("bob", enroll_one("bob"));
    enroll_one("carol");
    alice = id_of("alice");
    bob = id_of("bob");
    carol = id_of("carol");
    if (refuse_bob)
      shell("sqlite3 " + quoted(ca.certificate_db().string()) + " " +
            quoted("DELETE FROM certificates WHERE serial_number = '" + serials_of(bob).front() + "';"));
  }

  std::string id_of(const std::string& alias) const {
    auto id = kms.sql("SELECT user_id FROM users WHERE alias = '" + alias + "';");
    return id.substr(0, id.find('\n'));
  }
  std::vector<std::string> serials_of(const std::string& user_id) const {
    const auto all = lines_of(kms.sql("SELECT serial_decimal FROM key_history WHERE user_id = '" + user_id + "';"));
    return {all.begin(), all.end()};
  }

  /// The destination certificate's fingerprint as `openssl x509 -fingerprint` prints it.
  std::string thumbprint(const std::string& digest = "sha256") const {
    const auto out = shell("openssl x509 -noout -fingerprint -" + digest + " -in " + quoted(destination_pem.string()));
    const auto value = out.substr(out.find('=') + 1);
    return value.substr(0, value.find('\n'));
  }

  /// Export Users with every page answered for a valid export; `sets` override answers.
  arbor_result export_users(std::vector<std::string> sets = {}) const {
    std::vector<std::string> all{"certificate.path=" + destination_pem.string(), "thumbprint.thumbprint=" + thumbprint(),
                                 "file.name=users.kmx", "users.scope=all", "confirm.confirm=yes"};
    all.insert(all.end(), sets.begin(), sets.end());
    return kms.run("export-users", login_as(), {"password"}, all);
  }

  std::filesystem::path file(const std::string& name = "users.kmx") const { return kms.data() / name; }

  std::set<std::string> users_in_database() const { return lines_of(kms.sql("SELECT user_id FROM users;")); }

  /// The user ids in an export file, read and checked as the destination's import reads it.
  std::set<std::string> users_in_file(const std::filesystem::path& path) const {
    const auto keys = keys_of(destination);
    km::transfer::transfer_reader reader(path, keys.identity(), [] { return km::system_clock().now(); });
    std::set<std::string> ids;
    reader.read([&](km::transfer::user_record&& user) { ids.insert(user.user_id); });
    return ids;
  }

  /// The user ids in every backup of the source.
  std::set<std::string> users_in_backups() const {
    std::set<std::string> ids;
    for (const auto& entry : std::filesystem::directory_iterator(kms.data() / "backups")) {
      if (entry.path().extension() != ".db") continue;
      const auto found = lines_of(shell("sqlite3 " + quoted(entry.path().string()) + " 'SELECT user_id FROM users;'"));
      ids.insert(found.begin(), found.end());
    }
    return ids;
  }
};

}  // namespace arbor::test
