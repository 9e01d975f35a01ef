#include "https_client.hpp"

#include <poll.h>

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

/// Whether something can be read within `wait`: bytes OpenSSL holds already, or bytes (or the
/// end) on the socket. Asio's blocking reads wait without limit, so every read asks this first.
bool readable(beast::ssl_stream<tcp::socket>& stream, std::chrono::milliseconds wait) {
  if (SSL_pending(stream.native_handle()) > 0) return true;
  pollfd p{stream.next_layer().native_handle(), POLLIN, 0};
  return ::poll(&p, 1, static_cast<int>(wait.count())) > 0;
}

constexpr std::chrono::seconds reply_wait{5};

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

https_client::https_client(std::uint16_t port, const std::string& from) : impl_(std::make_unique<impl>()), port_(port) {
  impl_->tls.set_verify_mode(asio::ssl::verify_none);
  tcp::socket& socket = impl_->stream.next_layer();
  socket.open(tcp::v4());
  socket.bind(tcp::endpoint(asio::ip::make_address(from), 0));
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
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
  while (!ec && !parser.is_done()) {
    if (impl_->buffer.size() == 0 && !readable(impl_->stream, reply_wait))
      throw std::runtime_error("no answer from the server within 5 s");
    http::read_some(impl_->stream, impl_->buffer, parser, ec);
  }
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
  std::string out;
  char chunk[4096];
  const auto end = std::chrono::steady_clock::now() + wait;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now());
    if (left.count() <= 0 || !readable(impl_->stream, left)) return out;
    beast::error_code ec;
    const std::size_t n = impl_->stream.read_some(asio::buffer(chunk), ec);
    out.append(chunk, n);
    if (ec) return out;
  }
}

bool https_client::closed_within(std::chrono::milliseconds wait) {
  if (!readable(impl_->stream, wait)) return false;
  char byte;
  beast::error_code ec;
  impl_->stream.read_some(asio::buffer(&byte, 1), ec);
  return static_cast<bool>(ec);
}

bool handshake_succeeds(std::uint16_t port, const std::string& from) {
  try {
    https_client client(port, from);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace arbor::host::web::test
