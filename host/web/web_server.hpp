#pragma once
// The HTTPS listener of `arbor web` (Boost.Beast on Asio and OpenSSL; never plain HTTP). One io
// thread reads and writes; the routes run on a small worker pool, so a slow plugin call or a
// task's page waits there and never stalls other connections. Bounded: concurrent connections
// (in all and per client address), the time to send the TLS handshake and the request headers
// (slowloris), the time to send the body, and the sizes of both. Beast stays inside web_server.cpp.
#include "host/web/tls_identity.hpp"
#include "host/web/web_routes.hpp"

#include <arbor/sdk/error.hpp>
#include <arbor/sdk/services.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace arbor::host::web {

struct server_limits {
  std::size_t max_connections{64};
  /// Per client address (IPv6: per /64). Clients behind a proxy or an SSH tunnel share one
  /// address, so all of them together get this many.
  std::size_t max_connections_per_address{16};
  std::size_t max_event_streams{8};  ///< open /events streams; each holds a thread of its own
  std::size_t workers{8};            ///< threads answering requests (a task's answer waits in one)
  std::chrono::milliseconds header_timeout{std::chrono::seconds(10)};  ///< handshake, then each request's headers
  std::chrono::milliseconds body_timeout{std::chrono::seconds(30)};    ///< each request's body, each answer's write
  std::size_t max_header_bytes{8 * 1024};
  std::size_t max_body_bytes{1024 * 1024};
};

class web_server {
 public:
  /// Binds `address`:`port` (0: a free port) with `identity`. Fails when the address cannot be
  /// bound or the certificate and key cannot be used together.
  static sdk::result<std::unique_ptr<web_server>> open(const std::string& address, std::uint16_t port,
                                                       const tls_identity& identity, server_limits limits,
                                                       sdk::log& log);
  ~web_server();
  web_server(const web_server&) = delete;
  web_server& operator=(const web_server&) = delete;

  /// The port really bound.
  std::uint16_t port() const noexcept;

  /// From now on SIGINT and SIGTERM end serve() (before or while it runs); call it before the
  /// URL is printed, so that a Ctrl-C at once is not lost.
  void stop_on_signals();

  /// Serves `routes` until stop() or a signal (stop_on_signals). Blocks.
  void serve(web_routes& routes);

  /// Ends serve(): open connections are dropped. Safe from any thread.
  void stop();

 private:
  struct impl;
  explicit web_server(std::unique_ptr<impl> impl);
  std::unique_ptr<impl> impl_;
};

/// The answer the server sends for the raw bytes of one request (parsed with `limits`, routed by
/// `routes`), as bytes on the wire; empty when the bytes are not a whole request yet. The path
/// of the fuzz target; an event stream's answer is its headers and its first event.
std::string answer_bytes(web_routes& routes, std::string_view raw, const server_limits& limits);

}  // namespace arbor::host::web
