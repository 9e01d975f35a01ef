// import_bench: writes a transfer file of N users (two keys each: RSA 2048 keys from a small
// pool, each with its own certificate from a local test CA, so no key is a duplicate) from a
// source server to a fresh destination Key Manager, then runs Import Users on it: the plan pass
// (every check, classification, no writes) and the import (lock, backup, one transaction: check
// every key against its certificate, seal, append). Next to it, the openssl command line decrypts
// and verifies the same payload bytes as one CMS message, and the figures are printed together.
//
//   import_bench [--users N] [--no-openssl]   (bench_options.hpp)
//
// Each part runs in its own process (fork, or the openssl tool) and wait4() reports that
// process's own peak RSS and CPU time.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>

#include "auth/clock.hpp"
#include "bench_ca.hpp"
#include "bench_options.hpp"
#include "measured_process.hpp"
#include "scratch_directory.hpp"
#include "crypto/thumbprint.hpp"
#include "server/key_manager.hpp"
#include "store/random_id.hpp"
#include "transfer/import_plan.hpp"
#include "transfer/import_users.hpp"
#include "transfer/record_codec.hpp"
#include "transfer/transfer_writer.hpp"

namespace {

using namespace arbor::km;
namespace fs = std::filesystem;

void write_bytes(const fs::path& path, const secret& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

transfer::user_record bench_user(long n, const bench::bench_ca& ca, std::uint64_t& serial) {
  transfer::user_record user{store::random_id(), "user" + std::to_string(n), "Bench User " + std::to_string(n),
                             "user" + std::to_string(n) + "@bench.example", "active", {}};
  for (int k = 1; k <= 2; ++k, ++serial) {
    user.keys.push_back({store::random_id(), k, "valid", "2025-01-01T00:00:00Z", ca.issue(serial).der(),
                         ca.key_for(serial).to_pkcs8_der()});
  }
  return user;
}

// Creates the destination Key Manager in `data`, writes the transfer file data/bench.kmx from a
// new source server, and the same user lines to scratch/payload.jsonl with both identities for
// the openssl tool.
void prepare(const fs::path& data, const fs::path& scratch, long users) {
  const auth::system_clock clock;
  auto kms = key_manager::open(data, identity_options{crypto::key_type::rsa3072, "Import Bench Destination",
                                                      std::chrono::days(30)},
                               clock);
  const auto source = crypto::server_identity::generate(crypto::key_type::rsa3072, "Import Bench Source",
                                                        std::chrono::days(30));
  const bench::bench_ca ca(8);
  transfer::transfer_writer writer(data, "bench.kmx", source, kms.identity().cert(), transfer::new_transfer_id(),
                                   [] { return std::chrono::system_clock::now(); });
  std::ofstream payload(scratch / "payload.jsonl", std::ios::binary);
  transfer::secret_buffer line;
  std::uint64_t serial = 2;
  for (long n = 0; n < users; ++n) {
    const auto user = bench_user(n, ca, serial);
    writer.add_user(user);
    line.clear();
    transfer::append_user_line(user, line);
    payload.write(line.view().data(), static_cast<std::streamsize>(line.size()));
  }
  writer.finish();
  write_bytes(scratch / "source.key", source.key().to_pkcs8_der());
  std::ofstream(scratch / "source.crt") << source.cert().pem();
  std::ofstream(scratch / "source.sha256") << crypto::sha256_hex(source.cert());
  write_bytes(scratch / "dest.key", kms.identity().key().to_pkcs8_der());
  std::ofstream(scratch / "dest.crt") << kms.identity().cert().pem();
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void run_plan(const fs::path& data, const std::string& source_sha256, long users) {
  const auth::system_clock clock;
  auto kms = key_manager::open(data, identity_options{}, clock);
  const auto planned = transfer::plan_import(kms, data / "bench.kmx", source_sha256);
  if (planned.counts.new_users != users) throw std::runtime_error("the plan does not see every user as new");
}

void run_import(const fs::path& data, const std::string& source_sha256, long users) {
  const auth::system_clock clock;
  auto kms = key_manager::open(data, identity_options{}, clock);
  const auto done = transfer::import_users(kms, {data / "bench.kmx", source_sha256, {}, {}, "import_bench", {}});
  if (done.imported != users || done.keys_imported != 2 * users) throw std::runtime_error("not every key was imported");
}

void run(long users, bool compare) {
  const bench::scratch_directory work("import-bench");
  const fs::path& scratch = work.path();
  const fs::path data = scratch / "kmsdata";

  const bench::measured prepared = bench::in_child("writing the transfer file", [&] { prepare(data, scratch, users); });
  const std::string source_sha256 = slurp(scratch / "source.sha256");
  const auto file_bytes = fs::file_size(data / "bench.kmx");
  const auto payload_bytes = fs::file_size(scratch / "payload.jsonl");

  const bench::measured planned = bench::in_child("the plan pass", [&] { run_plan(data, source_sha256, users); });
  const bench::measured imported = bench::in_child("the import", [&] { run_import(data, source_sha256, users); });

  const double n = static_cast<double>(users);
  const auto mib = [](std::uintmax_t bytes) { return static_cast<double>(bytes) / 1048576.0; };
  std::printf("users                  %ld (2 keys each: RSA 2048, certificates from a local test CA)\n", users);
  std::printf("setup (not measured)   %.1f s; transfer file %.1f MiB, payload %.1f MiB\n", prepared.seconds,
              mib(file_bytes), mib(payload_bytes));
  std::printf("plan (verify+classify) %.2f s (CPU %.2f s)  %.0f users/s  peak RSS %.1f MiB\n", planned.seconds,
              planned.cpu_seconds, n / planned.seconds, planned.peak_rss_mib);
  std::printf("import                 %.2f s (CPU %.2f s)  %.0f users/s  peak RSS %.1f MiB\n", imported.seconds,
              imported.cpu_seconds, n / imported.seconds, imported.peak_rss_mib);
  if (!compare) {
    std::printf("openssl                (not compared: --no-openssl)\n");
    return;
  }
  const std::string d = "'" + scratch.string() + "/";
  // The openssl message is made first (not measured); then each side reads in the same run.
  bench::command("openssl cms -sign -binary -nodetach -md sha256 -signer " + d + "source.crt' -inkey " + d +
          "source.key' -keyform DER -in " + d + "payload.jsonl' -outform DER -out " + d + "signed.der'");
  bench::command("openssl cms -encrypt -binary -aes-256-gcm -in " + d + "signed.der' -outform DER -out " + d +
          "enveloped.der' -recip " + d + "dest.crt' -keyopt rsa_padding_mode:oaep -keyopt rsa_oaep_md:sha256 "
          "-keyopt rsa_mgf1_md:sha256");
  const bench::measured decrypt = bench::command("openssl cms -decrypt -binary -inform DER -in " + d + "enveloped.der' -recip " + d +
                                   "dest.crt' -inkey " + d + "dest.key' -keyform DER -out " + d + "decrypted.der'");
  const bench::measured verify = bench::command("openssl cms -verify -binary -inform DER -in " + d + "decrypted.der' -CAfile " + d +
                                  "source.crt' -out " + d + "verified.jsonl' 2>/dev/null");
  const double openssl_s = decrypt.seconds + verify.seconds;
  const double openssl_cpu_s = decrypt.cpu_seconds + verify.cpu_seconds;
  std::printf("openssl decrypt+verify %.2f s (CPU %.2f s)  %.0f users/s  (decrypt %.2f s, %.1f MiB; verify %.2f s, "
              "%.1f MiB)\n",
              openssl_s, openssl_cpu_s, n / openssl_s, decrypt.seconds, decrypt.peak_rss_mib, verify.seconds,
              verify.peak_rss_mib);
  std::printf("ratio plan/openssl     %.2f wall, %.2f CPU\n", planned.seconds / openssl_s,
              planned.cpu_seconds / openssl_cpu_s);
  std::printf("ratio import/openssl   %.2f wall, %.2f CPU  (target <= 1.5 at 100k users)\n",
              imported.seconds / openssl_s, imported.cpu_seconds / openssl_cpu_s);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const auto options = arbor::km::bench::parse_options(argc, argv, "import_bench");
    run(options.users, options.compare_with_openssl);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "import_bench: %s\n", e.what());
    return 1;
  }
}
