#pragma once
// A real Certificate Services for integration tests and benchmarks: cfssl started with
// scripts/ca-server in a fresh temporary directory, stopped and removed on destruction.
#include <filesystem>
#include <string>

namespace arbor::km::ca::testing {

class ca_server {
 public:
  /// Starts cfssl; throws std::runtime_error with the script's exit status if it cannot.
  ca_server();
  /// Stops cfssl (if still running) and removes the directory.
  ~ca_server();
  ca_server(const ca_server&) = delete;
  ca_server& operator=(const ca_server&) = delete;

  const std::string& url() const { return url_; }
  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path ca_certificate() const { return dir_ / "ca.pem"; }
  std::filesystem::path certificate_db() const { return dir_ / "certs.db"; }

  /// Stops cfssl now, leaving the directory in place.
  void stop();

 private:
  std::filesystem::path dir_;
  std::string url_;
};

/// Runs a shell command; throws std::runtime_error naming it if it exits non-zero.
void run_or_throw(const std::string& command);

}  // namespace arbor::km::ca::testing
