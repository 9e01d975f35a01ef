#pragma once
// Two Key Management servers for the Import Users tests that need no CA: a source whose identity
// signs transfer files written here with the transfer writer (users with real keys and
// self-signed certificates), and the destination that imports them through `arbor run`. Also
// the database dump the refusal tests compare before and after.
#include "kms_fixture.hpp"
#include "server_keys.hpp"

#include <openssl/x509.h>

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "crypto/ossl.hpp"
#include "crypto/private_key.hpp"
#include "common/clock.hpp"
#include "crypto/server_identity.hpp"
#include "store/random_id.hpp"
#include "transfer/transfer_writer.hpp"
#include "transfer/user_record.hpp"

namespace arbor::test {

/// The part after '=' of what `openssl x509 -fingerprint` prints for a PEM certificate.
inline std::string openssl_fingerprint(const std::filesystem::path& pem, const std::string& digest = "sha256") {
  const auto out = shell("openssl x509 -noout -fingerprint -" + digest + " -in " + quoted(pem.string()));
  const auto value = out.substr(out.find('=') + 1);
  return value.substr(0, value.find('\n'));
}

/// A self-signed certificate for `key` (DER): the reader does not care who issued a user's
/// certificate, and the import only checks that the key belongs to it.
inline std::vector<std::uint8_t> self_signed(const km::crypto::private_key& key, const std::string& cn) {
  km::crypto::ossl::x509_ptr cert(X509_new());
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 86400L * 365);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  X509_set_pubkey(cert.get(), key.native());
  X509_sign(cert.get(), key.native(), EVP_sha256());
  unsigned char* der = nullptr;
  const int size = i2d_X509(cert.get(), &der);
  std::vector<std::uint8_t> bytes(der, der + size);
  OPENSSL_free(der);
  return bytes;
}

/// A user as a source server would export them: `keys` real P-256 keys with their certificates.
inline km::transfer::user_record real_user(const std::string& alias, int keys = 1,
                                           std::string user_id = km::store::random_id()) {
  km::transfer::user_record user{std::move(user_id), alias, "User " + alias, alias + "@example.org", "active", {}};
  for (int seq = 1; seq <= keys; ++seq) {
    const auto key = km::crypto::private_key::generate_ec("P-256");
    km::transfer::key_record record;
    record.key_id = km::store::random_id();
    record.seq = seq;
    record.status = "valid";
    record.added_at = std::chrono::sys_days{std::chrono::year{2025} / 1 / static_cast<unsigned>(seq)};
    record.certificate_der = self_signed(key, alias + " " + std::to_string(seq));
    record.private_key_der = key.to_pkcs8_der();
    user.keys.push_back(std::move(record));
  }
  return user;
}


struct import_kms {
  kms_server source{"import-source"};
  kms_server destination{"import-destination"};
  std::filesystem::path source_pem = source.root() / "source.pem";
  std::filesystem::path destination_pem = destination.root() / "destination.pem";

  import_kms() {
    save_certificate(source, source_pem);
    save_certificate(destination, destination_pem);
  }

  /// The server's certificate as Save the KMS Certificate writes it (PEM), without running the
  /// task, which computes the short code (about 0.5 s): the details pane creates the server.
  static void save_certificate(const kms_server& server, const std::filesystem::path& pem) {
    const auto shown = server.arbor({"show", kms_node});
    BOOST_REQUIRE_MESSAGE(shown.exit_code == 0, shown.out + shown.err);
    std::ofstream(pem) << keys_of(server).identity().cert().pem();
  }

  /// Writes `users` as the file `name` in the destination's KMSData directory, signed by the
  /// source and encrypted to `to` (the destination unless said otherwise).
  std::filesystem::path write_file(const std::string& name, const std::vector<km::transfer::user_record>& users,
                                   std::size_t segment_bytes = std::size_t{1} << 20,
                                   std::chrono::sys_seconds created = km::system_clock().now(),
                                   const kms_server* to = nullptr) const {
    const auto source_keys = keys_of(source);
    const auto& signer = source_keys.identity();
    const auto recipient_keys = keys_of(to ? *to : destination);
    const auto& recipient = recipient_keys.identity();
    km::transfer::transfer_writer writer(destination.data() / name, signer, recipient.cert(),
                                         km::transfer::new_transfer_id(), [created] { return created; },
                                         {segment_bytes, std::chrono::days(30)});
    for (const auto& user : users) writer.add_user(user);
    writer.finish();
    return destination.data() / name;
  }

  /// Import Users on the destination with every page answered and confirmed; `sets` override answers.
  arbor_result import(const std::string& name, std::vector<std::string> sets = {}) const {
    std::vector<std::string> all{"file.name=" + name, "source.thumbprint=" + openssl_fingerprint(source_pem),
                                 "confirm.confirm=yes"};
    all.insert(all.end(), sets.begin(), sets.end());
    return destination.run("import-users", login_as(), {"password"}, all);
  }

  /// The destination's database as SQL text, without the audit log and its row counter (every
  /// login writes to it).
  std::string dump() const {
    return shell("sqlite3 " + quoted(destination.db().string()) + " .dump | grep -v -e '^INSERT INTO audit_log' -e \"sqlite_sequence VALUES('audit_log'\"");
  }
};

}  // namespace arbor::test
