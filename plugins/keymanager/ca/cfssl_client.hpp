#pragma once
// Certificate Services implemented by a cfssl server ("cfssl serve") over its HTTP API.
#include <memory>
#include <string>
#include <vector>

#include "ca/certificate_services.hpp"

namespace arbor::km::ca {

class http_session;

/// Talks to cfssl's /api/v1/cfssl/sign and /api/v1/cfssl/revoke with libcurl. Connections are
/// kept alive between calls; revoke_all runs up to max_in_flight requests at once. Holds no key
/// material: CSRs and certificates are public.
class cfssl_client final : public certificate_services {
 public:
  /// Throws error(bad_input) if the settings cannot work (no http(s) URL, a timeout or
  /// max_in_flight that is not positive).
  explicit cfssl_client(connection_settings settings);
  ~cfssl_client() override;
  cfssl_client(const cfssl_client&) = delete;
  cfssl_client& operator=(const cfssl_client&) = delete;

  crypto::certificate enroll(const std::string& csr_pem, const enroll_request& request) override;
  revoke_result revoke(const revocation& request) override;
  std::vector<revoke_result> revoke_all(const std::vector<revocation>& requests) override;

 private:
  connection_settings settings_;
  std::unique_ptr<http_session> http_;
};

}  // namespace arbor::km::ca
