// import_bench: writes a transfer file of N users (two keys each: RSA 2048 keys from a small
// pool, each with its own certificate from a local test CA, so no key is a duplicate) from a
// source server to a fresh destination Key Manager, then runs Import Users on it: the plan pass
// (every check, classification, no writes) and the import (lock, backup, one transaction: check
// every key against its certificate, seal, append). Next to it, the openssl command line decrypts
// and verifies the same payload bytes as one CMS message, and the figures are printed together.
//
//   import_bench [--users N] [--no-openssl] [--runs K] [--keep DIR]   (bench_options.hpp)
//
// With --runs K, the plan, the import (each on a fresh copy of the destination) and the openssl
// pipeline run K times in turn, and the median ratio is printed. Each part runs in its own
// process (fork, or the openssl tool) and wait4() reports that process's own peak RSS and CPU
// time.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "bench_ca.hpp"
#include "bench_kms.hpp"
#include "bench_options.hpp"
#include "measured_process.hpp"
#include "scratch_directory.hpp"
#include "crypto/thumbprint.hpp"
#include "instance/key_manager.hpp"
#include "store/random_id.hpp"
#include "workflows/import_users.hpp"
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
    user.keys.push_back({store::random_id(), k, "valid", std::chrono::sys_days{std::chrono::year{2025} / 1 / 1}, ca.issue(serial).der(),
                         ca.key_for(serial).to_pkcs8_der()});
  }
  return user;
}

// Creates the destination Key Manager in `data`, writes the transfer file data/bench.kmx from a
// new source server, and the same user lines to scratch/payload.jsonl with both identities for
// the openssl tool.
void prepare(const fs::path& data, const fs::path& scratch, long users) {
  const arbor::km::system_clock clock;
  const auto where = bench::bench_site(data, {crypto::key_type::rsa3072, "Import Bench Destination", std::chrono::days(30)},
                                       clock);
  auto kms = workflows::open(where);
  const auto keys = bench::logged_in_keys(kms, where, "import-users");
  const auto source = crypto::server_identity::generate(crypto::key_type::rsa3072, "Import Bench Source",
                                                        std::chrono::days(30));
  const bench::bench_ca ca(8);
  transfer::transfer_writer writer(data / "bench.kmx", source, kms.certificate(), transfer::new_transfer_id(),
                                   [] { return arbor::km::system_clock().now(); });
  std::ofstream payload(scratch / "payload.jsonl", std::ios::binary);
  arbor::km::secret line;
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
  write_bytes(scratch / "dest.key", keys.identity().key().to_pkcs8_der());
  std::ofstream(scratch / "dest.crt") << kms.certificate().pem();
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

double mib(std::uintmax_t bytes) { return static_cast<double>(bytes) / 1048576.0; }

// The source as the operator accepts it, by its whole SHA-256 thumbprint.
workflows::accepted_source accepted(key_manager& kms, const opened_vault& keys, const std::string& source_sha256) {
  const workflows::import_source source(kms, keys, workflows::import_file(kms.directory(), "bench.kmx"));
  return workflows::accepted_source(source, source_sha256, [](std::string_view reason, bool) { return std::string(reason); });
}

void run_plan(const fs::path& data, const std::string& source_sha256, long users) {
  const arbor::km::system_clock clock;
  const auto where = bench::bench_site(data, {}, clock);
  auto kms = workflows::open(where);
  const auto keys = bench::logged_in_keys(kms, where, "import-users");
  const auto planned = workflows::plan_import(kms, keys, accepted(kms, keys, source_sha256));
  if (planned.counts.new_users != users) throw std::runtime_error("the plan does not see every user as new");
}

void run_import(const fs::path& data, const std::string& source_sha256, long users) {
  const arbor::km::system_clock clock;
  const auto where = bench::bench_site(data, {}, clock);
  auto kms = workflows::open(where);
  const auto keys = bench::logged_in_keys(kms, where, "import-users");
  workflows::silent_progress progress;
  const auto done =
      workflows::import_users(kms, keys, {accepted(kms, keys, source_sha256), {}, users, {}, "import_bench"}, progress);
  if (done.imported != users || done.keys_imported != 2 * users) throw std::runtime_error("not every key was imported");
}

// The transfer file and the destination it is addressed to, made once in `setup` (or reused from
// an earlier run with the same number of users: `users` is written last).
void prepare_once(const fs::path& setup, long users) {
  const fs::path marker = setup / "users";
  if (fs::exists(marker) && slurp(marker) == std::to_string(users)) {
    std::printf("setup                  reused from %s\n", setup.c_str());
    return;
  }
  fs::remove_all(setup);
  fs::create_directories(setup);
  fs::permissions(setup, fs::perms::owner_all);
  const bench::measured prepared =
      bench::in_child("writing the transfer file", [&] { prepare(setup / "kmsdata", setup, users); });
  std::printf("setup (not measured)   %.1f s; transfer file %.1f MiB, payload %.1f MiB\n", prepared.seconds,
              mib(fs::file_size(setup / "kmsdata" / "bench.kmx")), mib(fs::file_size(setup / "payload.jsonl")));
  std::ofstream(marker) << users;
}

// The openssl tool's message of the same payload, signed then enveloped as ours is (not measured).
void prepare_openssl_message_once(const fs::path& setup) {
  if (fs::exists(setup / "enveloped.der")) return;
  const std::string d = "'" + setup.string() + "/";
  bench::command("openssl cms -sign -binary -nodetach -md sha256 -signer " + d + "source.crt' -inkey " + d +
                 "source.key' -keyform DER -in " + d + "payload.jsonl' -outform DER -out " + d + "signed.der'");
  bench::command("openssl cms -encrypt -binary -aes-256-gcm -in " + d + "signed.der' -outform DER -out " + d +
                 "enveloped.der.part' -recip " + d + "dest.crt' -keyopt rsa_padding_mode:oaep -keyopt rsa_oaep_md:sha256 "
                 "-keyopt rsa_mgf1_md:sha256");
  fs::rename(setup / "enveloped.der.part", setup / "enveloped.der");
  fs::remove(setup / "signed.der");
}

// A fresh copy of the prepared destination for one import; the transfer file is only read, so it
// is linked rather than copied.
void fresh_destination(const fs::path& setup, const fs::path& data) {
  fs::remove_all(data);
  fs::create_directory(data, setup / "kmsdata");
  for (const auto& entry : fs::directory_iterator(setup / "kmsdata")) {
    const fs::path to = data / entry.path().filename();
    if (entry.path().filename() == "bench.kmx") {
      fs::create_hard_link(entry.path(), to);
    } else {
      fs::copy(entry.path(), to, fs::copy_options::recursive);
    }
  }
}

bench::measured openssl_decrypt_verify(const fs::path& setup, const fs::path& scratch) {
  const std::string s = "'" + setup.string() + "/";
  const std::string d = "'" + scratch.string() + "/";
  const bench::measured decrypt =
      bench::command("openssl cms -decrypt -binary -inform DER -in " + s + "enveloped.der' -recip " + s + "dest.crt' -inkey " +
                     s + "dest.key' -keyform DER -out " + d + "decrypted.der'");
  const bench::measured verify = bench::command("openssl cms -verify -binary -inform DER -in " + d + "decrypted.der' -CAfile " +
                                                s + "source.crt' -out " + d + "verified.jsonl' 2>/dev/null");
  fs::remove(scratch / "decrypted.der");
  fs::remove(scratch / "verified.jsonl");
  return {decrypt.seconds + verify.seconds, decrypt.cpu_seconds + verify.cpu_seconds,
          std::max(decrypt.peak_rss_mib, verify.peak_rss_mib)};
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  return values.size() % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

void print_step(const char* label, const bench::measured& m, double n) {
  std::printf("%-22s %.2f s (CPU %.2f s)  %.0f users/s  peak RSS %.1f MiB\n", label, m.seconds, m.cpu_seconds,
              n / m.seconds, m.peak_rss_mib);
}

void run(const bench::bench_options& options) {
  const bench::scratch_directory work("import-bench");
  const fs::path& scratch = work.path();
  const fs::path setup = options.keep_dir.empty() ? scratch / "setup" : options.keep_dir;
  const fs::path data = scratch / "kmsdata";
  const double n = static_cast<double>(options.users);

  std::printf("users                  %ld (2 keys each: RSA 2048, certificates from a local test CA)\n", options.users);
  prepare_once(setup, options.users);
  if (options.compare_with_openssl) prepare_openssl_message_once(setup);
  const std::string source_sha256 = slurp(setup / "source.sha256");
  std::vector<double> wall_ratios;
  std::vector<double> cpu_ratios;
  for (int run = 1; run <= options.runs; ++run) {
    if (options.runs > 1) std::printf("run %d of %d\n", run, options.runs);
    fresh_destination(setup, data);
    print_step("plan (verify+classify)",
               bench::in_child("the plan pass", [&] { run_plan(data, source_sha256, options.users); }), n);
    const bench::measured imported =
        bench::in_child("the import", [&] { run_import(data, source_sha256, options.users); });
    print_step("import", imported, n);
    if (!options.compare_with_openssl) continue;
    const bench::measured openssl = openssl_decrypt_verify(setup, scratch);
    print_step("openssl decrypt+verify", openssl, n);
    wall_ratios.push_back(imported.seconds / openssl.seconds);
    cpu_ratios.push_back(imported.cpu_seconds / openssl.cpu_seconds);
    std::printf("ratio import/openssl   %.2f wall, %.2f CPU\n", wall_ratios.back(), cpu_ratios.back());
  }
  if (!options.compare_with_openssl) {
    std::printf("openssl                (not compared: --no-openssl)\n");
    return;
  }
  std::printf("median ratio           %.2f wall, %.2f CPU over %d run(s)  (target <= 1.5 at 100k users)\n",
              median(wall_ratios), median(cpu_ratios), options.runs);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    run(arbor::km::bench::parse_options(argc, argv, "import_bench", arbor::km::bench::repeatable::yes));
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "import_bench: %s\n", e.what());
    return 1;
  }
}
