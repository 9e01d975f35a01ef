#pragma once
// A small HTTP/1.1 server on 127.0.0.1 for unit tests, run on its own thread. It reads whole
// requests (headers and Content-Length body, keep-alive) and holds them until release_at
// requests are waiting, then answers them all with one fixed response; an empty response
// means it never answers. It records how many requests were waiting at most and how many
// connections it accepted, so tests can check the client's in-flight bound and keep-alive
// without timing anything.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace arbor::km::ca::testing {

/// A file descriptor closed on destruction.
class unique_fd {
 public:
  explicit unique_fd(int fd = -1) noexcept : fd_(fd) {}
  ~unique_fd() { reset(); }
  unique_fd(unique_fd&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  unique_fd& operator=(unique_fd&& other) noexcept {
    if (this != &other) {
      reset();
      fd_ = other.fd_;
      other.fd_ = -1;
    }
    return *this;
  }
  int get() const noexcept { return fd_; }
  void reset() noexcept {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

/// A listening socket on 127.0.0.1 at a port the kernel picked.
inline unique_fd listen_on_loopback(std::uint16_t& port) {
  unique_fd fd(::socket(AF_INET, SOCK_STREAM, 0));
  if (fd.get() < 0) throw std::runtime_error("socket failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  if (::bind(fd.get(), reinterpret_cast<sockaddr*>(&address), size) != 0 ||
      ::listen(fd.get(), 64) != 0 ||
      ::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    throw std::runtime_error("could not listen on 127.0.0.1");
  }
  port = ntohs(address.sin_port);
  return fd;
}

/// A port on 127.0.0.1 where nothing listens: bound by the kernel, then released.
inline std::uint16_t closed_port() {
  std::uint16_t port = 0;
  listen_on_loopback(port);
  return port;
}

/// A full HTTP response with the given status and body.
inline std::string http_answer(int status, const std::string& body) {
  return "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: application/json\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}

class local_http_server {
 public:
  local_http_server(std::string answer, std::size_t release_at)
      : answer_(std::move(answer)), release_at_(release_at), listener_(listen_on_loopback(port_)) {
    int ends[2];
    if (::pipe(ends) != 0) throw std::runtime_error("pipe failed");
    stop_read_ = unique_fd(ends[0]);
    stop_write_ = unique_fd(ends[1]);
    thread_ = std::thread([this] { serve(); });
  }
  ~local_http_server() {
    (void)::write(stop_write_.get(), "x", 1);
    thread_.join();
  }
  local_http_server(const local_http_server&) = delete;
  local_http_server& operator=(const local_http_server&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::size_t max_waiting() const { return max_waiting_; }
  std::size_t connections_accepted() const { return accepted_; }

 private:
  struct connection {
    unique_fd fd;
    std::string buffer;
  };

  void serve() {
    std::map<int, connection> connections;
    std::vector<int> waiting;  // one entry per complete, unanswered request
    for (;;) {
      std::vector<pollfd> fds{{stop_read_.get(), POLLIN, 0}, {listener_.get(), POLLIN, 0}};
      for (const auto& [fd, c] : connections) fds.push_back({fd, POLLIN, 0});
      if (::poll(fds.data(), fds.size(), -1) < 0) return;
      if (fds[0].revents != 0) return;
      if (fds[1].revents & POLLIN) {
        unique_fd client(::accept(listener_.get(), nullptr, nullptr));
        if (client.get() >= 0) {
          ++accepted_;
          const int key = client.get();
          connections[key] = connection{std::move(client), {}};
        }
      }
      for (std::size_t i = 2; i < fds.size(); ++i) {
        if (fds[i].revents == 0) continue;
        if (!receive(connections.at(fds[i].fd), waiting)) {
          std::erase(waiting, fds[i].fd);
          connections.erase(fds[i].fd);
        }
      }
      max_waiting_ = std::max<std::size_t>(max_waiting_, waiting.size());
      if (!answer_.empty() && waiting.size() >= release_at_) {
        for (const int fd : waiting) (void)::send(fd, answer_.data(), answer_.size(), MSG_NOSIGNAL);
        waiting.clear();
      }
    }
  }

  // Reads what arrived and queues each complete request. False when the peer has gone.
  static bool receive(connection& c, std::vector<int>& waiting) {
    char chunk[4096];
    const ssize_t got = ::recv(c.fd.get(), chunk, sizeof chunk, 0);
    if (got <= 0) return false;
    c.buffer.append(chunk, static_cast<std::size_t>(got));
    for (;;) {
      const std::size_t header_end = c.buffer.find("\r\n\r\n");
      if (header_end == std::string::npos) return true;
      const std::size_t total = header_end + 4 + content_length(c.buffer.substr(0, header_end));
      if (c.buffer.size() < total) return true;
      c.buffer.erase(0, total);
      waiting.push_back(c.fd.get());
    }
  }

  static std::size_t content_length(std::string headers) {
    std::transform(headers.begin(), headers.end(), headers.begin(), [](unsigned char ch) { return std::tolower(ch); });
    const std::size_t at = headers.find("content-length:");
    return at == std::string::npos ? 0 : std::stoul(headers.substr(at + 15));
  }

  std::string answer_;
  std::size_t release_at_;
  std::uint16_t port_ = 0;
  unique_fd listener_;
  unique_fd stop_read_;
  unique_fd stop_write_;
  std::atomic<std::size_t> max_waiting_{0};
  std::atomic<std::size_t> accepted_{0};
  std::thread thread_;
};

}  // namespace arbor::km::ca::testing
