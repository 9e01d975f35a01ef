#include "workflows/destination.hpp"

#include <cctype>
#include <string>

#include "common/utc_time.hpp"
#include "crypto/server_identity.hpp"
#include "crypto/thumbprint.hpp"

namespace arbor::km::workflows {
namespace {

std::string day(std::chrono::sys_seconds when) { return utc_text(when); }

void refuse_outside_validity(const crypto::certificate& cert, const std::filesystem::path& path,
                             std::chrono::sys_seconds now) {
  if (now < cert.not_before())
    throw error(errc::bad_input, "The certificate in " + path.string() + " is not valid before " +
                                     day(cert.not_before()) +
                                     ": check the clocks of both servers, or save the certificate again.");
  if (!cert.valid_at(now))
    throw error(errc::bad_input, "The certificate in " + path.string() + " expired on " + day(cert.not_after()) +
                                     ": ask the destination's administrator for its current certificate.");
}

// Every check runs here, on the certificate read once.
crypto::certificate checked(const std::filesystem::path& path, const crypto::certificate& own,
                            std::chrono::sys_seconds now) {
  if (path.empty()) throw error(errc::bad_input, "Type the path of the destination server's certificate.");
  crypto::certificate cert = crypto::certificate::from_file(path);
  refuse_outside_validity(cert, path, now);
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

std::string sentence(std::string reason) {
  if (!reason.empty()) reason[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(reason[0])));
  return reason + ".";
}

}  // namespace

destination::destination(const std::filesystem::path& path, const crypto::certificate& own,
                         std::chrono::sys_seconds now)
    : path_(path),
      cert_(checked(path, own, now)),
      own_sha256_(crypto::sha256_hex(own)),
      sha1_(crypto::sha1_hex(cert_)),
      sha256_(crypto::sha256_hex(cert_)) {}

void destination::check_at_run(const crypto::certificate& own, std::chrono::sys_seconds now) const {
  if (crypto::sha256_hex(own) != own_sha256_)
    throw error(errc::internal, "the destination was checked for another Key Management server");
  refuse_outside_validity(cert_, path_, now);
}

std::string destination::sha1_with_colons() const { return crypto::with_colons(sha1_); }
std::string destination::sha256_with_colons() const { return crypto::with_colons(sha256_); }

thumbprint_refused::thumbprint_refused(std::string reason, bool another_certificate)
    : error(errc::bad_input, sentence(reason)), reason_(std::move(reason)), another_certificate_(another_certificate) {}

confirmed_destination::confirmed_destination(destination& checked, std::string_view typed)
    : destination_([&]() -> destination& {
        const auto check = crypto::check_thumbprint(typed, checked.cert_, checked.codes_);
        if (!check.matched())
          throw thumbprint_refused(check.reason, check.verdict == crypto::thumbprint_verdict::mismatch);
        return checked;
      }()) {}

}  // namespace arbor::km::workflows
