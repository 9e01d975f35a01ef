#pragma once
// A small HTTPS client for the web server's tests: requests with any headers, and raw bytes for
// malformed, slow or oversized requests. Certificates are not verified (the server's is made
// for the test). Reads of answers give up after a few seconds, so a server that never answers
// fails the test instead of hanging it.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace arbor::host::web::test {

struct reply {
  unsigned status{0};
  std::vector<std::pair<std::string, std::string>> headers;  ///< names in lower case
  std::string body;

  /// The first header `name` (lower case), or "".
  std::string header(std::string_view name) const;
};

using header_list = std::vector<std::pair<std::string, std::string>>;

class https_client {
 public:
  /// Connects to 127.0.0.1:`port` from the address `from` (any of 127.0.0.0/8 on Linux) and
  /// makes the TLS handshake; throws when either fails.
  explicit https_client(std::uint16_t port, const std::string& from = "127.0.0.1");
  ~https_client();
  https_client(const https_client&) = delete;
  https_client& operator=(const https_client&) = delete;

  /// One request on this connection. Host is 127.0.0.1:port unless `headers` give one.
  reply request(const std::string& method, const std::string& target, const header_list& headers = {},
                const std::string& body = {});

  /// Writes `bytes` as they are.
  void send_raw(std::string_view bytes);
  /// Reads an answer's head and body when the server sends one; status 0 when the server closed
  /// the connection without answering.
  reply read_reply();
  /// Reads whatever comes until the server closes or `wait` passes; "" when nothing came.
  std::string read_some(std::chrono::milliseconds wait);
  /// Whether the server closed the connection (a read ends) within `wait`.
  bool closed_within(std::chrono::milliseconds wait);

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
  std::uint16_t port_;
};

/// Whether a plain TCP connection to `port` from `from` that starts a TLS handshake gets one.
bool handshake_succeeds(std::uint16_t port, const std::string& from = "127.0.0.1");

}  // namespace arbor::host::web::test
