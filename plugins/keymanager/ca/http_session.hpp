#pragma once
// HTTP POSTs over libcurl's multi interface: several at once, a bounded number in flight,
// connections kept alive between calls. Internal to km_ca; knows nothing of cfssl.
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "ca/certificate_services.hpp"

namespace arbor::km::ca {

/// One POST with a JSON body.
struct http_request {
  std::string url;
  std::string body;
};

/// How an exchange ended at the transport level, before anyone looks at the body.
enum class transport_status {
  completed = 1,      // an HTTP response arrived (any status code)
  unreachable,        // refused, no route, or the host name did not resolve
  connect_timed_out,  // no connection within connect_timeout_ms
  timed_out,          // no complete answer within total_timeout_ms (connected, or it is the shorter)
  too_large,          // the answer exceeded max_response_bytes
  failed,             // anything else libcurl reports
};

/// The outcome of one http_request.
struct http_response {
  transport_status transport = transport_status::failed;
  std::string transport_detail;  // libcurl's own words for a failed exchange
  long http_status = 0;
  std::string body;
};

struct http_slot;
struct http_multi;

/// Runs POSTs against one server with the timeouts and in-flight bound of connection_settings.
/// Not thread-safe: one call at a time.
class http_session {
 public:
  /// A cfssl answer is a certificate or a short status; anything bigger is not cfssl.
  static constexpr std::size_t max_response_bytes = 1 << 20;

  explicit http_session(const connection_settings& settings);
  ~http_session();
  http_session(const http_session&) = delete;
  http_session& operator=(const http_session&) = delete;

  /// Sends every request, at most settings.max_in_flight at once, and returns the responses
  /// in request order. Transport failures are reported in the responses, not thrown.
  std::vector<http_response> post_all(const std::vector<http_request>& requests);

 private:
  void grow_pool(std::size_t size);

  connection_settings settings_;
  std::unique_ptr<http_multi> multi_;
  std::vector<std::unique_ptr<http_slot>> slots_;  // destroyed first: none is attached then
};

}  // namespace arbor::km::ca
