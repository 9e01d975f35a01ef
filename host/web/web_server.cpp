#include "host/web/web_server.hpp"
#include "host/web/connection_slots.hpp"
#include "host/web/wiping_memory.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <atomic>
#include <optional>
#include <sstream>
#include <thread>

namespace arbor::host::web {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using stream_type = beast::ssl_stream<beast::tcp_stream>;
using request_type = http::request<http::string_body>;
using response_type = http::response<http::string_body>;
/// What a connection reads into, wiped when it grows or the connection ends: the plain text of
/// requests, passwords included, passes through it.
using read_buffer = beast::basic_flat_buffer<wiping_allocator<char>>;
constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);

std::string header(const request_type& request, http::field field) {
  const auto it = request.find(field);
  return it == request.end() ? std::string{} : std::string(it->value());
}

web_request to_web_request(request_type& request, std::string client) {
  return web_request{std::string(request.method_string()), std::string(request.target()), header(request, http::field::host),
                     header(request, http::field::origin), header(request, http::field::cookie),
                     std::string(request["X-CSRF-Token"]), std::move(request.body()), std::move(client)};
}

template <class Body>
void put_fields(http::response<Body>& out, const web_response& answer) {
  out.set(http::field::content_type, answer.content_type);
  for (const auto& [name, value] : answer.headers) out.insert(name, value);
}

response_type to_beast(web_response answer, unsigned version, bool keep_alive) {
  response_type out{static_cast<http::status>(answer.status), version};
  put_fields(out, answer);
  out.body() = std::move(answer.body);
  out.keep_alive(keep_alive);
  out.prepare_payload();
  return out;
}

/// The answer to bytes that are no acceptable request (too large, malformed); the connection closes.
std::optional<web_response> refusal(const beast::error_code& ec) {
  std::optional<web_response> answer;
  if (ec == http::error::header_limit)
    answer = error_response(431, "The request's headers are too large.", "send smaller requests (cookies, addresses)");
  else if (ec == http::error::body_limit)
    answer = error_response(413, "The request's body is too large.", "send a smaller request");
  else if (ec.category() == http::make_error_code(http::error::end_of_stream).category() && ec != http::error::end_of_stream &&
           ec != http::error::partial_message && ec != http::error::need_more)
    answer = error_response(400, "The request is not well-formed HTTP/1.1.", "use a browser or an HTTP client");
  if (answer) add_security_headers(*answer, false);
  return answer;
}

}  // namespace

// Declared so that the io_context, whose pending coroutines hold slots of `connections`, count
// themselves in `event_streams` and hold streams on `tls`, goes before those, and the acceptor
// before the io_context.
struct web_server::impl {
  server_limits limits;
  sdk::log& log;
  connection_slots connections{limits.max_connections, limits.max_connections_per_address};
  std::atomic<std::size_t> event_streams{0};
  web_routes* routes{nullptr};
  std::unique_ptr<asio::thread_pool> workers;
  std::unique_ptr<asio::thread_pool> streams;
  asio::ssl::context tls{asio::ssl::context::tls_server};
  asio::io_context io{1};
  tcp::acceptor acceptor{io};
  std::optional<asio::signal_set> signals;

  impl(server_limits l, sdk::log& lg) : limits(l), log(lg) {}

  /// Counts an event stream while it lives.
  struct counted {
    std::atomic<std::size_t>& count;
    explicit counted(std::atomic<std::size_t>& c) : count(c) { ++count; }
    ~counted() { --count; }
    counted(const counted&) = delete;
    counted& operator=(const counted&) = delete;
  };

  /// Holds a connection's slot while it lives.
  struct slot {
    connection_slots& slots;
    std::string key;
    slot(connection_slots& s, std::string k) : slots(s), key(std::move(k)) {}
    ~slot() { slots.give_back(key); }
    slot(const slot&) = delete;
    slot& operator=(const slot&) = delete;
  };

  /// When refusals were last told, and how many came since: a flood of connections makes one
  /// line a minute, not one a connection.
  std::optional<std::chrono::steady_clock::time_point> refusal_told;
  std::size_t refusals_untold{0};

  void tell_refusal(connection_slots::refusal why, const std::string& client) {
    const auto now = std::chrono::steady_clock::now();
    if (refusal_told && now - *refusal_told < std::chrono::minutes(1)) {
      ++refusals_untold;
      return;
    }
    std::string line = "web: a connection from " + client + " was closed at once: ";
    line += why == connection_slots::refusal::all_taken
                ? std::to_string(limits.max_connections) + " connections are open, the most allowed"
                : "that address holds " + std::to_string(limits.max_connections_per_address) +
                      " connections, the most one address may (behind a proxy or tunnel, all its clients are one address)";
    if (refusals_untold > 0) line += "; " + std::to_string(refusals_untold) + " more were closed since the last such line";
    log.write(sdk::log_level::warning, line);
    refusal_told = now;
    refusals_untold = 0;
  }

  asio::awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(tuple_awaitable);
      if (ec == asio::error::operation_aborted) co_return;
      if (ec) continue;
      const auto peer = socket.remote_endpoint(ec);
      std::string client = ec ? std::string("an unknown address") : peer.address().to_string();
      std::string key = client_key(client);
      if (const auto why = connections.take(key); why != connection_slots::refusal::none) {
        // Past a bound a connection is closed at once: it costs no TLS handshake and no memory.
        tell_refusal(why, client);
        beast::error_code ignored;
        socket.close(ignored);
        continue;
      }
      asio::co_spawn(io, connection(std::move(socket), std::move(client), std::move(key)), asio::detached);
    }
  }

  asio::awaitable<void> connection(tcp::socket socket, std::string client, std::string key) {
    const slot held{connections, std::move(key)};
    stream_type stream(std::move(socket), tls);
    stream.next_layer().expires_after(limits.header_timeout);
    auto [handshake] = co_await stream.async_handshake(asio::ssl::stream_base::server, tuple_awaitable);
    if (handshake) co_return;
    read_buffer buffer;
    bool open = true;
    while (open) open = co_await exchange(stream, buffer, client);
    stream.next_layer().expires_after(limits.header_timeout);
    co_await stream.async_shutdown(tuple_awaitable);
  }

  /// One request and its answer; false when the connection is to close.
  asio::awaitable<bool> exchange(stream_type& stream, read_buffer& buffer, const std::string& client) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
    parser.body_limit(limits.max_body_bytes);
    stream.next_layer().expires_after(limits.header_timeout);
    auto [header_error, header_bytes] = co_await http::async_read_header(stream, buffer, parser, tuple_awaitable);
    beast::error_code ec = header_error;
    if (!ec) {
      stream.next_layer().expires_after(limits.body_timeout);
      auto [body_error, body_bytes] = co_await http::async_read(stream, buffer, parser, tuple_awaitable);
      ec = body_error;
    }
    if (ec) {
      if (auto refused = refusal(ec)) co_await send(stream, to_beast(std::move(*refused), 11, false));
      co_return false;
    }
    request_type request = parser.release();
    const bool keep_alive = request.keep_alive();
    const unsigned version = request.version();
    web_request asked = to_web_request(request, client);
    web_response answer = co_await asio::co_spawn(
        *workers, [&]() -> asio::awaitable<web_response> { co_return routes->answer(asked); }, asio::use_awaitable);
    cleanse(asked.body);  // it may hold a password or the access token
    if (answer.next_event) co_return co_await event_stream(stream, std::move(answer), version);
    co_return co_await send(stream, to_beast(std::move(answer), version, keep_alive)) && keep_alive;
  }

  asio::awaitable<bool> send(stream_type& stream, response_type response) {
    stream.next_layer().expires_after(limits.body_timeout);
    auto [ec, written] = co_await http::async_write(stream, response, tuple_awaitable);
    co_return !ec;
  }

  /// Headers, then each event as it comes; the connection closes at the end of the stream.
  asio::awaitable<bool> event_stream(stream_type& stream, web_response answer, unsigned version) {
    if (event_streams >= limits.max_event_streams) {
      web_response busy = error_response(503, "Too many event streams are open.", "close other pages of this console, or poll the task");
      add_security_headers(busy, true);
      co_await send(stream, to_beast(std::move(busy), version, false));
      co_return false;
    }
    counted alive(event_streams);
    http::response<http::empty_body> head{http::status::ok, version};
    put_fields(head, answer);
    head.set(http::field::cache_control, "no-store");
    head.keep_alive(false);
    http::response_serializer<http::empty_body> serializer{head};
    stream.next_layer().expires_after(limits.body_timeout);
    if (auto [ec, n] = co_await http::async_write_header(stream, serializer, tuple_awaitable); ec) co_return false;
    for (;;) {
      std::optional<std::string> event = co_await asio::co_spawn(
          *streams, [&]() -> asio::awaitable<std::optional<std::string>> { co_return answer.next_event(); },
          asio::use_awaitable);
      if (!event) co_return false;
      stream.next_layer().expires_after(limits.body_timeout);
      if (auto [ec, n] = co_await asio::async_write(stream, asio::buffer(*event), tuple_awaitable); ec) co_return false;
    }
  }
};

web_server::web_server(std::unique_ptr<impl> impl) : impl_(std::move(impl)) {}
web_server::~web_server() { stop(); }

sdk::result<std::unique_ptr<web_server>> web_server::open(const std::string& address, std::uint16_t port,
                                                         const tls_identity& identity, server_limits limits,
                                                         sdk::log& log) {
  auto server = std::make_unique<impl>(limits, log);
  beast::error_code ec;
  server->tls.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                          asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1);
  server->tls.use_certificate_chain_file(identity.certificate.string(), ec);
  if (!ec) server->tls.use_private_key_file(identity.private_key.string(), asio::ssl::context::pem, ec);
  if (!ec && SSL_CTX_check_private_key(server->tls.native_handle()) != 1)
    ec = beast::error_code(static_cast<int>(ERR_get_error()), asio::error::get_ssl_category());
  if (ec)
    return sdk::fail(sdk::reason::invalid_input,
                     "The web console cannot use the certificate " + identity.certificate.string() + " with the key " +
                         identity.private_key.string() + ".",
                     ec.message());
  const auto ip = asio::ip::make_address(address, ec);
  if (ec)
    return sdk::fail(sdk::reason::invalid_input, "\"" + address + "\" is not an IP address to listen on.",
                     "give --listen ADDRESS:PORT with a numeric address, e.g. 127.0.0.1:8443");
  const tcp::endpoint endpoint(ip, port);
  server->acceptor.open(endpoint.protocol(), ec);
  if (!ec) server->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) server->acceptor.bind(endpoint, ec);
  if (!ec) server->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    return sdk::fail(sdk::reason::unavailable, "The web console cannot listen on " + address + ":" + std::to_string(port) + ".",
                     ec.message());
  return std::unique_ptr<web_server>(new web_server(std::move(server)));
}

std::uint16_t web_server::port() const noexcept {
  beast::error_code ec;
  return impl_->acceptor.local_endpoint(ec).port();
}

void web_server::stop_on_signals() {
  impl_->signals.emplace(impl_->io, SIGINT, SIGTERM);
  impl_->signals->async_wait([this](const beast::error_code& ec, int) {
    if (!ec) impl_->io.stop();
  });
}

void web_server::serve(web_routes& routes) {
  impl_->routes = &routes;
  impl_->workers = std::make_unique<asio::thread_pool>(impl_->limits.workers);
  impl_->streams = std::make_unique<asio::thread_pool>(impl_->limits.max_event_streams);
  asio::co_spawn(impl_->io, impl_->accept_loop(), asio::detached);
  impl_->io.run();
  // Threads still inside a route or waiting for an event finish it; nothing is written any more.
  impl_->workers->join();
  impl_->streams->join();
}

void web_server::stop() { impl_->io.stop(); }

std::string answer_bytes(web_routes& routes, std::string_view raw, const server_limits& limits) {
  http::request_parser<http::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
  parser.body_limit(limits.max_body_bytes);
  parser.eager(true);
  beast::error_code ec;
  std::size_t used = 0;
  while (!ec && !parser.is_done() && used < raw.size()) {
    const std::size_t n = parser.put(asio::buffer(raw.data() + used, raw.size() - used), ec);
    if (n == 0 && !ec) break;
    used += n;
  }
  std::ostringstream out;
  if (ec) {
    if (auto refused = refusal(ec)) out << to_beast(std::move(*refused), 11, false);
    return out.str();
  }
  if (!parser.is_done()) return {};
  request_type request = parser.release();
  const unsigned version = request.version();
  web_response answer = routes.answer(to_web_request(request, "fuzz"));
  if (answer.next_event) {
    http::response<http::empty_body> head{static_cast<http::status>(answer.status), version};
    put_fields(head, answer);
    out << head.base();
    if (auto first = answer.next_event()) out << *first;  // the state as the stream opens: never waits
    return out.str();
  }
  out << to_beast(std::move(answer), version, false);
  return out.str();
}

}  // namespace arbor::host::web
