#include "ca/cfssl_client.hpp"

#include <algorithm>
#include <optional>

#include "ca/certificate_identity.hpp"
#include "ca/cfssl_protocol.hpp"
#include "ca/http_session.hpp"
#include "ca/transport_failure.hpp"

namespace arbor::km::ca {
namespace {

connection_settings checked(connection_settings settings) {
  while (!settings.base_url.empty() && settings.base_url.back() == '/') settings.base_url.pop_back();
  const bool http = settings.base_url.starts_with("http://") || settings.base_url.starts_with("https://");
  if (!http) {
    throw error(errc::bad_input,
                "The Certificate Services address \"" + settings.base_url +
                    "\" is not an http:// or https:// URL. Enter the CA server's address, e.g. "
                    "http://ca.example.org:8888.");
  }
  if (settings.connect_timeout_ms <= 0 || settings.total_timeout_ms <= 0 || settings.max_in_flight == 0) {
    throw error(errc::bad_input,
                "The Certificate Services timeouts and the number of requests in flight must be positive.",
                "connect_timeout_ms=" + std::to_string(settings.connect_timeout_ms) +
                    " total_timeout_ms=" + std::to_string(settings.total_timeout_ms) +
                    " max_in_flight=" + std::to_string(settings.max_in_flight));
  }
  return settings;
}

bool is_decimal(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Why a revocation cannot even be sent, if it cannot.
std::optional<error> malformed(const revocation& request) {
  if (is_decimal(request.serial_decimal)) return std::nullopt;
  return error(errc::bad_input,
               "\"" + request.serial_decimal + "\" is not a certificate serial number in decimal; nothing was revoked.");
}

// Why the CA did not confirm, or nothing when it did.
std::optional<error> outcome(const http_response& response, const revocation& request,
                             const connection_settings& settings) {
  if (response.transport != transport_status::completed) return transport_failure(response, settings);
  try {
    cfssl::confirm_revocation(response.http_status, response.body, request);
    return std::nullopt;
  } catch (const error& refused) {
    return refused;
  }
}

}  // namespace

cfssl_client::cfssl_client(connection_settings settings)
    : settings_(checked(std::move(settings))), http_(std::make_unique<http_session>(settings_)) {}

cfssl_client::~cfssl_client() = default;

crypto::certificate cfssl_client::enroll(const std::string& csr_pem, const enroll_request& request) {
  const std::vector<http_response> responses =
      http_->post_all({{settings_.base_url + std::string(cfssl::sign_path), cfssl::sign_body(csr_pem, request)}});
  const http_response& response = responses.front();
  if (response.transport != transport_status::completed) throw transport_failure(response, settings_);
  return read_issued_certificate(cfssl::signed_certificate(response.http_status, response.body));
}

revoke_result cfssl_client::revoke(const revocation& request) { return revoke_all({request}).front(); }

std::vector<revoke_result> cfssl_client::revoke_all(const std::vector<revocation>& requests) {
  std::vector<revoke_result> results;
  results.reserve(requests.size());
  std::vector<http_request> sendable;
  std::vector<std::size_t> sent_index;  // position in results of each sendable request
  const std::string url = settings_.base_url + std::string(cfssl::revoke_path);
  for (const revocation& request : requests) {
    results.push_back({request, malformed(request)});
    if (results.back().failure) continue;
    sendable.push_back({url, cfssl::revoke_body(request)});
    sent_index.push_back(results.size() - 1);
  }
  const std::vector<http_response> responses = http_->post_all(sendable);
  for (std::size_t i = 0; i < responses.size(); ++i) {
    revoke_result& result = results[sent_index[i]];
    result.failure = outcome(responses[i], result.request, settings_);
  }
  return results;
}

}  // namespace arbor::km::ca
