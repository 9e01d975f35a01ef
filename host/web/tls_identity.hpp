#pragma once
// The certificate and private key the web console serves HTTPS with: the operator's own
// (--tls-cert, --tls-key), or a self-signed pair made once in the console's state directory
// (the directory 0700, each file 0600) and kept for the next start, so a browser's exception for
// it stays valid. Its SHA-256 fingerprint is printed so the operator can compare it with the one
// the browser shows. The key is only ever read by OpenSSL from its file.
#include <arbor/sdk/error.hpp>

#include <filesystem>
#include <string>

namespace arbor::host::web {

struct tls_identity {
  std::filesystem::path certificate;  ///< PEM, the server certificate first, then its chain
  std::filesystem::path private_key;  ///< PEM
  std::string sha256_fingerprint;     ///< of the server certificate's DER, "AB:CD:..."
  bool self_signed{false};
};

/// The operator's certificate and key: both regular files, the certificate readable PEM.
sdk::result<tls_identity> given_identity(const std::filesystem::path& certificate, const std::filesystem::path& key);

/// `state_dir`/web-cert.pem and web-key.pem, made (EC P-256, for localhost, 127.0.0.1 and ::1)
/// when they do not exist yet. Refuses a state directory or files that others may read.
sdk::result<tls_identity> self_signed_identity(const std::filesystem::path& state_dir);

}  // namespace arbor::host::web
