#include "https_client.hpp"

#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <algorithm>
#include <stdexcept>

namespace arbor::host::web::test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

/// Reads on the socket give up after `wait` (the test fails instead of hanging).
void read_timeout(tcp::socket& socket, std::chrono::milliseconds wait) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(wait.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((wait.count() % 1000) * 1000);
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

}  // namespace

std::string reply::header(std::string_view name) const {
  for (const auto& [n, v] : headers)
    if (n == name) return v;
  return {};
}

struct https_client::impl {
  asio::io_context io;
  asio::ssl::context tls{asio::ssl::context::tls_client};
  beast::ssl_stream<tcp::socket> stream{io, tls};
  beast::flat_buffer buffer;
};

https_client::https_client(std::uint16_t port) : impl_(std::make_unique<impl>()), port_(port) {
  impl_->tls.set_verify_mode(asio::ssl::verify_none);
  impl_->stream.next_layer().connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  read_timeout(impl_->stream.next_layer(), std::chrono::seconds(5));
  impl_->stream.handshake(asio::ssl::stream_base::client);
}

https_client::~https_client() = default;

reply https_client::request(const std::string& method, const std::string& target, const header_list& headers,
                            const std::string& body) {
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  bool has_host = false;
  for (const auto& [name, value] : headers) {
    req.insert(name, value);
    has_host = has_host || lower(name) == "host";
  }
  if (!has_host) req.set(http::field::host, "127.0.0.1:" + std::to_string(port_));
  req.body() = body;
  req.prepare_payload();
  http::write(impl_->stream, req);
  return read_reply();
}

reply https_client::read_reply() {
  http::response_parser<http::string_body> parser;
  parser.body_limit(16 * 1024 * 1024);
  beast::error_code ec;
  http::read(impl_->stream, impl_->buffer, parser, ec);
  reply out;
  if (ec && !parser.is_header_done()) return out;
  const auto& res = parser.get();
  out.status = res.result_int();
  for (const auto& field : res) out.headers.emplace_back(lower(field.name_string()), std::string(field.value()));
  out.body = res.body();
  return out;
}

void https_client::send_raw(std::string_view bytes) { asio::write(impl_->stream, asio::buffer(bytes.data(), bytes.size())); }

std::string https_client::read_some(std::chrono::milliseconds wait) {
  read_timeout(impl_->stream.next_layer(), wait);
  std::string out;
  char chunk[4096];
  for (;;) {
    beast::error_code ec;
    const std::size_t n = impl_->stream.read_some(asio::buffer(chunk), ec);
    out.append(chunk, n);
    if (ec) return out;
  }
}

bool https_client::closed_within(std::chrono::milliseconds wait) {
  read_timeout(impl_->stream.next_layer(), wait);
  char byte;
  beast::error_code ec;
  impl_->stream.read_some(asio::buffer(&byte, 1), ec);
  // A receive timeout shows as EAGAIN / would_block; anything else means the server ended it.
  return ec && ec != asio::error::would_block && ec != asio::error::try_again;
}

bool handshake_succeeds(std::uint16_t port) {
  try {
    https_client client(port);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace arbor::host::web::test
