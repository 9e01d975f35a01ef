#include "workflows/save_certificate.hpp"

#include <cstdint>
#include <vector>

#include "common/atomic_file.hpp"
#include "crypto/short_code.hpp"
#include "crypto/thumbprint.hpp"
#include "workflows/task_audit.hpp"

namespace arbor::km::workflows {
namespace {

constexpr std::string_view event = "certificate-saved";

std::vector<std::uint8_t> encoded(const crypto::certificate& cert, certificate_format format) {
  if (format == certificate_format::der) return cert.der();
  const auto pem = cert.pem();
  return {pem.begin(), pem.end()};
}

}  // namespace

kms_certificate describe_kms_certificate(const key_manager& kms) {
  const auto& cert = kms.certificate();
  return {cert.subject(), crypto::grouped(crypto::short_code(cert)), crypto::with_colons(crypto::sha1_hex(cert)),
          crypto::with_colons(crypto::sha256_hex(cert))};
}

save_certificate_result save_certificate(key_manager& kms, const save_certificate_request& request) {
  const auto& path = request.destination.path();
  return failure_audited(kms, request.actor, event, path.string(), [&] {
    write_file_atomically(path, encoded(kms.certificate(), request.format), 0644, if_exists::refuse);
    record_audit(kms, request.actor, event, path.string(), audit_outcome::success);
    return save_certificate_result{std::filesystem::absolute(path)};
  });
}

}  // namespace arbor::km::workflows
