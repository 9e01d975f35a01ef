#pragma once
// The Key Manager server's own identity: a key pair and a self-signed certificate. Other servers
// encrypt transfer files to this certificate, and this server signs the files it exports with
// the key. The private key is kept sealed in the vault (instance/vault.hpp), never in clear; the
// certificate is also written to the data directory as `kms.crt` (PEM, 0644). Key Managers made
// before schema version 6 kept the key in `kms.key.sealed`, sealed with master.key: load() reads
// it once, for the upgrade.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "crypto/certificate.hpp"
#include "crypto/private_key.hpp"
#include "crypto/sealing.hpp"

namespace arbor::km::crypto {

// Key types a server identity may use.
enum class key_type {
  rsa3072 = 1,
  ec_p384,
};

class server_identity {
 public:
  static constexpr std::string_view certificate_file = "kms.crt";
  static constexpr std::string_view sealed_key_file = "kms.key.sealed";
  // Associated data for the sealed key, so a user's sealed key cannot be passed off as this one.
  static constexpr std::string_view sealed_key_label = "kms-identity";

  // A new key and a self-signed X.509 v3 certificate: random 128-bit serial, subject and issuer
  // CN=`common_name`, valid from `now` for `validity`, basicConstraints CA:FALSE (critical),
  // keyUsage digitalSignature plus keyEncipherment (RSA) or keyAgreement (EC) (critical),
  // subjectKeyIdentifier. errc::bad_input for a name that is empty, over 64 characters or not
  // UTF-8, or a validity outside 1 day to 100 years.
  static server_identity generate(key_type type, std::string_view common_name,
                                  std::chrono::days validity,
                                  std::chrono::sys_seconds now =
                                      std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  // The identity of `key` and `cert`. errc::corrupt when the key does not belong to the
  // certificate.
  static server_identity from_parts(private_key key, certificate cert);
  // Reads kms.crt and kms.key.sealed of a Key Manager made before schema version 6 from `dir` and
  // checks that the key belongs to the certificate (errc::corrupt if not); errc::crypto when the
  // master key does not unseal the key.
  static server_identity load(const std::filesystem::path& dir, const sealing_key& sealing_key);

  // Writes `cert` to `dir`/kms.crt atomically (0644), replacing what is there.
  static void write_certificate(const certificate& cert, const std::filesystem::path& dir);

  const certificate& cert() const noexcept { return cert_; }
  const private_key& key() const noexcept { return key_; }

 private:
  server_identity(private_key key, certificate cert);
  private_key key_;
  certificate cert_;
};

// Why `cert` is not a server identity certificate as generate() makes one, in words for the
// operator, or nullopt when it is one: X.509 v3, issued by its own subject with a signature its
// own key verifies (a certificate altered after signing fails here), an RSA or EC key,
// basicConstraints CA:FALSE and keyUsage exactly as generate() writes them, both critical, and a
// subjectKeyIdentifier. Transfers check the certificates on both ends with it.
std::optional<std::string> why_not_a_server_identity(const certificate& cert);

}  // namespace arbor::km::crypto
