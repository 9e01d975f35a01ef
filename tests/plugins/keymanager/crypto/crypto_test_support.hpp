#pragma once
// Shared by the crypto tests: a scratch directory per test (the store tests' scratch_dir.hpp),
// file helpers, hex test vectors, what an action was refused with, and running the openssl
// command line tool as an independent reference.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/km_error.hpp"
#include "scratch_dir.hpp"

namespace arbor::km::test {

using testing::scratch_dir;  // one scratch directory helper for every Key Manager test

struct command_result {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs a shell command (test-controlled text only) and captures what it prints.
inline command_result run(const std::string& command) {
  command_result result;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) result.output.append(buffer, n);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// How an action was refused: the code and message of the arbor::km::error it threw; no code when
// it threw none.
struct refusal {
  std::optional<errc> code;
  std::string message;
};

inline refusal refusal_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const error& e) {
    return {e.code(), e.what()};
  }
  return {};
}

// Bytes from lowercase hex digits (test vectors as their documents print them).
inline std::vector<std::uint8_t> from_hex(std::string_view hex) {
  constexpr std::string_view digits = "0123456789abcdef";
  if (hex.size() % 2 != 0 || hex.find_first_not_of(digits) != std::string_view::npos)
    throw std::invalid_argument("not lowercase hex: " + std::string(hex));
  std::vector<std::uint8_t> bytes(hex.size() / 2);
  for (std::size_t i = 0; i < bytes.size(); ++i)
    bytes[i] = static_cast<std::uint8_t>(digits.find(hex[2 * i]) << 4 | digits.find(hex[2 * i + 1]));
  return bytes;
}

inline std::string quoted(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

inline std::vector<std::uint8_t> read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void write_bytes(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

inline void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

inline mode_t file_mode(const std::filesystem::path& path) {
  struct stat st {};
  ::stat(path.c_str(), &st);
  return st.st_mode & 07777;
}

// Makes a self-signed certificate with the openssl tool, independently of our code.
// `key_spec` is an -newkey argument ("rsa:2048", "ec -pkeyopt ec_paramgen_curve:P-256",
// "ed25519"); `extra` adds options such as "-addext keyUsage=digitalSignature".
inline std::filesystem::path make_cli_certificate(const scratch_dir& dir, const std::string& name,
                                                  const std::string& key_spec,
                                                  const std::string& extra = "") {
  const auto cert = dir / (name + ".pem");
  const auto result =
      run("openssl req -x509 -newkey " + key_spec + " -nodes -keyout " + quoted(dir / (name + ".key")) +
          " -out " + quoted(cert) + " -days 30 -subj '/O=Example Org/CN=" + name + "' " + extra);
  if (result.exit_code != 0) throw std::runtime_error("openssl req failed: " + result.output);
  return cert;
}

// The value after '=' in `openssl x509 -fingerprint` output ("SHA1 Fingerprint=AB:CD:...").
inline std::string cli_fingerprint(const std::filesystem::path& cert, const std::string& digest) {
  const auto result = run("openssl x509 -noout -fingerprint -" + digest + " -in " + quoted(cert));
  if (result.exit_code != 0) throw std::runtime_error("openssl x509 failed: " + result.output);
  const auto eq = result.output.find('=');
  std::string value = result.output.substr(eq + 1);
  while (!value.empty() && (value.back() == '\n' || value.back() == '\r')) value.pop_back();
  return value;
}

}  // namespace arbor::km::test
