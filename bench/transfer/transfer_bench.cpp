// transfer_bench: writes N synthetic users (two keys each) to a transfer file and reads it back,
// then does the same cryptographic work on a payload of the same size with the openssl command
// line (cms -sign, cms -encrypt; cms -decrypt, cms -verify) and prints both, with peak memory.
//
//   transfer_bench [--users N] [--segment-bytes B]
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

#include "bench_pki.hpp"
#include "crypto/server_identity.hpp"
#include "transfer/record_codec.hpp"
#include "transfer/transfer_reader.hpp"
#include "transfer/transfer_writer.hpp"

namespace {

using namespace arbor::km;
using steady = std::chrono::steady_clock;

struct options {
  long users = 10000;
  std::size_t segment_bytes = std::size_t{1} << 20;
};

options parse(int argc, char** argv) {
  options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) throw std::invalid_argument("missing value after " + arg);
    if (arg == "--users") {
      o.users = std::stol(argv[++i]);
    } else if (arg == "--segment-bytes") {
      o.segment_bytes = std::stoul(argv[++i]);
    } else {
      throw std::invalid_argument("unknown option " + arg);
    }
  }
  return o;
}

transfer::user_record synthetic_user(long n, const std::vector<bench::pooled_key>& pool) {
  transfer::user_record u;
  u.user_id = "user-" + std::to_string(n);
  u.alias = "u" + std::to_string(n);
  u.display_name = "Bench User " + std::to_string(n);
  u.email = "u" + std::to_string(n) + "@bench.example";
  u.state = "active";
  for (int k = 0; k < 2; ++k) {
    const bench::pooled_key& key = pool[static_cast<std::size_t>(n + k) % pool.size()];
    u.keys.push_back({u.user_id + "-" + std::to_string(k), k + 1, k ? "current" : "archived",
                      std::chrono::sys_days{std::chrono::year{2024} / 1 / 1}, key.certificate_der, key.private_key_der});
  }
  return u;
}

double seconds_since(steady::time_point start) {
  return std::chrono::duration<double>(steady::now() - start).count();
}

double peak_rss_mib(int who) {
  rusage usage{};
  ::getrusage(who, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

// Runs `command` with its output in `log`, which is shown when it fails.
double timed_command(const std::string& command, const std::filesystem::path& log) {
  const steady::time_point start = steady::now();
  if (std::system((command + " > '" + log.string() + "' 2>&1").c_str()) != 0) {
    std::ifstream in(log);
    const std::string output((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    throw std::runtime_error("command failed: " + command + "\n" + output);
  }
  return seconds_since(start);
}

void write_bytes(const std::filesystem::path& path, const std::uint8_t* data, std::size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
}

// The same user lines the segments carry, in one file, for the openssl pipeline.
std::uintmax_t write_payload(const std::filesystem::path& path, const options& o,
                             const std::vector<bench::pooled_key>& pool) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  arbor::km::secret buffer;
  buffer.reserve(o.segment_bytes);
  for (long n = 0; n < o.users; ++n) {
    transfer::append_user_line(synthetic_user(n, pool), buffer);
    if (buffer.size() >= o.segment_bytes || n + 1 == o.users) {
      out.write(buffer.view().data(), static_cast<std::streamsize>(buffer.size()));
      buffer.clear();
    }
  }
  out.close();
  return std::filesystem::file_size(path);
}

// A private scratch directory, removed with its content (it holds keys in clear).
struct scratch {
  std::filesystem::path path;
  scratch() {
    std::string pattern = (std::filesystem::temp_directory_path() / "transfer-bench-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path = pattern;
  }
  ~scratch() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

void run(const options& o) {
  scratch dir;
  const auto now = [] { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); };
  const crypto::server_identity source = crypto::server_identity::generate(
      crypto::key_type::rsa3072, "bench-source", std::chrono::days(30), now());
  const crypto::server_identity destination = crypto::server_identity::generate(
      crypto::key_type::rsa3072, "bench-destination", std::chrono::days(30), now());
  const std::vector<bench::pooled_key> pool = bench::make_key_pool(4);

  const std::filesystem::path file = dir.path / "bench.kmx";
  steady::time_point start = steady::now();
  transfer::transfer_writer writer(file, source, destination.cert(),
                                   transfer::new_transfer_id(), now, {o.segment_bytes});
  for (long n = 0; n < o.users; ++n) writer.add_user(synthetic_user(n, pool));
  const transfer::trailer_facts facts = writer.finish();
  const double write_s = seconds_since(start);

  start = steady::now();
  long delivered = 0;
  const transfer::transfer_reader reader(file, destination, now);
  reader.read([&](transfer::user_record&&) { ++delivered; });
  const double read_s = seconds_since(start);
  if (delivered != o.users) throw std::runtime_error("read back a different number of users");
  const double rss_mib = peak_rss_mib(RUSAGE_SELF);

  const std::filesystem::path payload = dir.path / "payload.jsonl";
  const std::uintmax_t payload_bytes = write_payload(payload, o, pool);
  const auto keep = [&](const std::string& name, const secret& der) {
    write_bytes(dir.path / name, der.data(), der.size());
  };
  keep("source.key", source.key().to_pkcs8_der());
  keep("dest.key", destination.key().to_pkcs8_der());
  std::ofstream(dir.path / "source.crt") << source.cert().pem();
  std::ofstream(dir.path / "dest.crt") << destination.cert().pem();
  const std::string d = "'" + dir.path.string() + "/";
  const std::filesystem::path log = dir.path / "openssl.log";
  const double sign_s = timed_command(
      "openssl cms -sign -binary -nodetach -md sha256 -signer " + d + "source.crt' -inkey " + d +
      "source.key' -keyform DER -in " + d + "payload.jsonl' -outform DER -out " + d + "signed.der'", log);
  const double encrypt_s = timed_command(
      "openssl cms -encrypt -binary -aes-256-gcm -in " + d + "signed.der' -outform DER -out " + d +
      "enveloped.der' -recip " + d + "dest.crt' -keyopt rsa_padding_mode:oaep -keyopt "
      "rsa_oaep_md:sha256 -keyopt rsa_mgf1_md:sha256", log);
  const double decrypt_s = timed_command(
      "openssl cms -decrypt -binary -inform DER -in " + d + "enveloped.der' -recip " + d +
      "dest.crt' -inkey " + d + "dest.key' -keyform DER -out " + d + "decrypted.der'", log);
  const double verify_s = timed_command(
      "openssl cms -verify -binary -inform DER -in " + d + "decrypted.der' -CAfile " + d +
      "source.crt' -out " + d + "verified.jsonl'", log);
  const double cli_rss_mib = peak_rss_mib(RUSAGE_CHILDREN);

  const double users = static_cast<double>(o.users);
  const double cli_write_s = sign_s + encrypt_s;
  const double cli_read_s = decrypt_s + verify_s;
  std::printf("users                 %ld (2 keys each), segment payload limit %zu bytes\n",
              o.users, o.segment_bytes);
  std::printf("transfer file         %ju bytes (%.1f MiB), %lld segments + trailer\n",
              static_cast<std::uintmax_t>(std::filesystem::file_size(file)),
              static_cast<double>(std::filesystem::file_size(file)) / 1048576.0,
              static_cast<long long>(facts.segments));
  std::printf("Key Manager  write    %8.2f s  %10.0f users/s\n", write_s, users / write_s);
  std::printf("Key Manager  read     %8.2f s  %10.0f users/s\n", read_s, users / read_s);
  std::printf("openssl payload       %ju bytes, one message\n", payload_bytes);
  std::printf("openssl sign+encrypt  %8.2f s  %10.0f users/s  (sign %.2f, encrypt %.2f)\n",
              cli_write_s, users / cli_write_s, sign_s, encrypt_s);
  std::printf("openssl decrypt+verify%8.2f s  %10.0f users/s  (decrypt %.2f, verify %.2f)\n",
              cli_read_s, users / cli_read_s, decrypt_s, verify_s);
  std::printf("time ratio openssl/KM write %.2f, read %.2f\n", cli_write_s / write_s,
              cli_read_s / read_s);
  std::printf("peak RSS              Key Manager process %.1f MiB; largest openssl step %.1f MiB\n",
              rss_mib, cli_rss_mib);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    run(parse(argc, argv));
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "transfer_bench: %s\n", e.what());
    return 1;
  }
}
