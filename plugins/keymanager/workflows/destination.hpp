#pragma once
// The Key Management server an export goes to, as two types that can only be built valid:
// a `destination` is its certificate read once from the file its Save the KMS Certificate wrote,
// with every check that can be made before the operator compares thumbprints; a
// `confirmed_destination` is a destination whose short code or thumbprint the operator typed and
// it matched. An export takes only the second, and uses the bytes the first checked: the file is
// never read again.
#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>

#include "common/km_error.hpp"
#include "crypto/certificate.hpp"
#include "crypto/short_code.hpp"

namespace arbor::km::workflows {

class destination {
 public:
  // Reads `path` (PEM or DER) once. errc::bad_input naming the problem and what to do when it is
  // not a certificate, is expired or not yet valid at `now`, has a key that cannot receive a
  // transfer file (algorithm or key usage), is not a server identity with a valid self-signature
  // (crypto::why_not_a_server_identity), or is `own` (this server's certificate); errc::not_found
  // or errc::io for the file itself.
  destination(const std::filesystem::path& path, const crypto::certificate& own,
              std::chrono::sys_seconds now);

  // For the run, which comes later than the page that built this: errc::bad_input when the
  // certificate is no longer valid at `now` (same words as the constructor), errc::internal when
  // it was checked against another server's `own` certificate than this one.
  void check_at_run(const crypto::certificate& own, std::chrono::sys_seconds now) const;

  const std::filesystem::path& path() const noexcept { return path_; }
  const crypto::certificate& certificate() const noexcept { return cert_; }
  std::string subject() const { return cert_.subject(); }
  const std::string& sha1_hex() const noexcept { return sha1_; }      // lowercase, no separators
  const std::string& sha256_hex() const noexcept { return sha256_; }  // lowercase, no separators
  // The same as operators compare them with `openssl x509 -fingerprint`: "AB:01:...".
  std::string sha1_with_colons() const;
  std::string sha256_with_colons() const;

 private:
  friend class confirmed_destination;

  std::filesystem::path path_;
  crypto::certificate cert_;
  std::string own_sha256_;  // the server it was checked for
  std::string sha1_;
  std::string sha256_;
  crypto::short_code_memo codes_;  // the short code costs ~0.5 s: once per destination
};

// The typed short code or thumbprint did not match: errc::bad_input with the check's reason.
// `another_certificate` is true when the text was well formed but another certificate's, false
// when it could not be one (malformed, wrong length, an SHA-1 prefix): the wizard then says where
// the short code is found.
class thumbprint_refused : public error {
 public:
  thumbprint_refused(std::string reason, bool another_certificate);
  const std::string& reason() const noexcept { return reason_; }
  bool another_certificate() const noexcept { return another_certificate_; }

 private:
  std::string reason_;
  bool another_certificate_;
};

class confirmed_destination {
 public:
  // `typed` is what the destination's administrator read out: the 8-character short code, or the
  // whole SHA-1 or SHA-256 fingerprint (case, spaces, '-' and colons ignored). Throws
  // thumbprint_refused when it does not match.
  confirmed_destination(destination& checked, std::string_view typed);

  const destination& get() const noexcept { return destination_; }

 private:
  destination destination_;
};

}  // namespace arbor::km::workflows
