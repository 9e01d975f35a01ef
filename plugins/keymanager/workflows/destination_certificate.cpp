#include "workflows/destination_certificate.hpp"

#include <ctime>
#include <string>

#include "common/km_error.hpp"
#include "crypto/server_identity.hpp"
#include "crypto/thumbprint.hpp"

namespace arbor::km::workflows {
namespace {

std::string day(std::chrono::system_clock::time_point when) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return text;
}

}  // namespace

crypto::certificate read_destination_certificate(const std::filesystem::path& path, const crypto::certificate& own,
                                                 std::chrono::system_clock::time_point now) {
  if (path.empty()) throw error(errc::bad_input, "Type the path of the destination server's certificate.");
  crypto::certificate cert = crypto::certificate::from_file(path);
  if (now < cert.not_before())
    throw error(errc::bad_input, "The certificate in " + path.string() + " is not valid before " +
                                     day(cert.not_before()) +
                                     ": check the clocks of both servers, or save the certificate again.");
  if (!cert.valid_at(now))
    throw error(errc::bad_input, "The certificate in " + path.string() + " expired on " + day(cert.not_after()) +
                                     ": ask the destination's administrator for its current certificate.");
  if (const auto fit = cert.can_receive_encryption(); !fit)
    throw error(errc::bad_input, "The certificate in " + path.string() +
                                     " cannot receive an export file: " + fit.reason +
                                     ". Use the file the destination's Save the KMS Certificate wrote.");
  if (const auto defect = crypto::why_not_a_server_identity(cert))
    throw error(errc::bad_input, "The certificate in " + path.string() +
                                     " is not a Key Management server's certificate: " + *defect +
                                     ". Use the file the destination's Save the KMS Certificate wrote.");
  if (crypto::sha256_hex(cert) == crypto::sha256_hex(own))
    throw error(errc::bad_input, "The certificate in " + path.string() +
                                     " is this server's own: choose the certificate of the Key Management server "
                                     "the users move to.");
  return cert;
}

}  // namespace arbor::km::workflows
