#pragma once
// Save the KMS Certificate: writes this server's certificate to a new file, so the administrator
// of another Key Management server can export users to this one. Audited as "certificate-saved",
// succeeded or failed.
#include <filesystem>
#include <string>

#include "instance/key_manager.hpp"
#include "workflows/new_file.hpp"

namespace arbor::km::workflows {

// This server's certificate as its administrator reads it out to another server's.
struct kms_certificate {
  std::string subject;
  std::string short_code;  // grouped, "K7QM-3XPA"
  std::string sha1;        // uppercase hex pairs with colons, as `openssl x509 -fingerprint` prints them
  std::string sha256;      // the same
};

// Costs one short code evaluation (~0.5 s): callers keep it for the run.
kms_certificate describe_kms_certificate(const key_manager& kms);

enum class certificate_format {
  pem = 1,  // Base64 text
  der,      // binary
};

struct save_certificate_request {
  new_file destination;
  certificate_format format = certificate_format::pem;
  std::string actor;  // who is audited as having saved it
};

struct save_certificate_result {
  std::filesystem::path file;  // absolute
};

// Written atomically, mode 0644; a file that appeared at the destination meanwhile is never
// replaced (errc::bad_input).
save_certificate_result save_certificate(key_manager& kms, const save_certificate_request& request);

}  // namespace arbor::km::workflows
