// import_bench: writes a transfer file of N users (two keys each: RSA 2048 keys from a small
// pool, each with its own certificate from a local test CA, so no key is a duplicate) from a
// source server to a fresh destination Key Manager, then runs Import Users on it: the plan pass
// (every check, classification, no writes) and the import (lock, backup, one transaction: check
// every key against its certificate, seal, append). Next to it, the openssl command line decrypts
// and verifies the same payload bytes as one CMS message, piped and one step after the other
// (openssl_anchor.hpp), and the figures are printed together with both ratios.
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
#include <iomanip>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "bench_ca.hpp"
#include "bench_kms.hpp"
#include "bench_options.hpp"
#include "measured_process.hpp"
#include "openssl_anchor.hpp"
#include "prepared_setup.hpp"
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
    user.keys.push_back({store::random_id(), k, "valid", std::chrono::sys_days{std::chrono::year{2025} / 1 / 1}, ca.issue_der(serial),
                         ca.pkcs8_for(serial)});
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

// The source as the operator accepts it, by its whole SHA-256 thumbprint.
workflows::accepted_source accepted(key_manager& kms, const opened_vault& keys, const std::string& source_sha256) {
  const workflows::import_source source(kms, keys, workflows::import_file(kms.directory(), "bench.kmx"));
  return workflows::accepted_source(source, source_sha256, [](std::string_view reason, bool) { return std::string(reason); });
}

// Each measured step writes its peak RSS after the login to `memory` (measured_process.hpp).
void run_plan(const fs::path& data, const std::string& source_sha256, long users, const fs::path& memory) {
  const arbor::km::system_clock clock;
  const auto where = bench::bench_site(data, {}, clock);
  auto kms = workflows::open(where);
  const auto keys = bench::logged_in_keys(kms, where, "import-users");
  const double login_peak = bench::peak_rss_since_reset_mib();
  bench::reset_peak_rss();
  const auto planned = workflows::plan_import(kms, keys, accepted(kms, keys, source_sha256));
  if (planned.counts.new_users != users) throw std::runtime_error("the plan does not see every user as new");
  std::ofstream(memory) << std::fixed << std::setprecision(1) << "  peak RSS: during the login " << login_peak
                        << " MiB (Argon2id), after it " << bench::peak_rss_since_reset_mib() << " MiB (the task's own)\n";
}

void run_import(const fs::path& data, const std::string& source_sha256, long users, const fs::path& memory) {
  const arbor::km::system_clock clock;
  const auto where = bench::bench_site(data, {}, clock);
  auto kms = workflows::open(where);
  const auto keys = bench::logged_in_keys(kms, where, "import-users");
  const double login_peak = bench::peak_rss_since_reset_mib();
  bench::reset_peak_rss();
  workflows::silent_progress progress;
  const auto done =
      workflows::import_users(kms, keys, {accepted(kms, keys, source_sha256), {}, users, {}, "import_bench"}, progress);
  if (done.imported != users || done.keys_imported != 2 * users) throw std::runtime_error("not every key was imported");
  std::ofstream(memory) << std::fixed << std::setprecision(1) << "  peak RSS: during the login " << login_peak
                        << " MiB (Argon2id), after it " << bench::peak_rss_since_reset_mib() << " MiB (the task's own)\n";
}

// The transfer file and the destination it is addressed to, made once in `setup` (or reused from
// an earlier run with the same number of users).
void prepare_once(const fs::path& setup, long users) {
  const std::string what = std::to_string(users) + " users";
  if (bench::prepared_for(setup, what)) {
    std::printf("setup                  reused from %s\n", setup.c_str());
    return;
  }
  const bench::measured prepared =
      bench::in_child("writing the transfer file", [&] { prepare(setup / "kmsdata", setup, users); });
  std::printf("setup (not measured)   %.1f s; transfer file %.1f MiB, payload %.1f MiB\n", prepared.seconds,
              bench::mib(fs::file_size(setup / "kmsdata" / "bench.kmx")), bench::mib(fs::file_size(setup / "payload.jsonl")));
  bench::mark_prepared(setup, what);
}

// The openssl tool's message of the same payload, made by the export's streaming anchor (not
// measured here).
void prepare_openssl_message_once(const fs::path& setup) {
  if (fs::exists(setup / "enveloped.der")) return;
  bench::sign_encrypt_streaming({setup}, setup / "enveloped.der.part");
  fs::rename(setup / "enveloped.der.part", setup / "enveloped.der");
}

void run(const bench::bench_options& options) {
  const bench::scratch_directory work("import-bench");
  const fs::path& scratch = work.path();
  const fs::path setup = options.keep_dir.empty() ? scratch / "setup" : options.keep_dir;
  const fs::path data = scratch / "kmsdata";
  const double n = static_cast<double>(options.users);

  std::printf("users                  %ld (2 keys each: RSA 2048, certificates from a local test CA)\n", options.users);
  prepare_once(setup, options.users);
  const bool compare = options.compare_with_openssl && bench::whole_message_anchor_fits(options.users);
  if (options.compare_with_openssl && !compare) {
    std::printf("openssl                not run: `openssl cms -decrypt` reads the whole %.0f MiB message into memory\n",
                bench::mib(fs::file_size(setup / "payload.jsonl")));
  }
  if (compare) prepare_openssl_message_once(setup);
  const std::string source_sha256 = bench::slurp(setup / "source.sha256");
  std::vector<double> wall_ratios;
  std::vector<double> cpu_ratios;
  for (int run = 1; run <= options.runs; ++run) {
    if (options.runs > 1) std::printf("run %d of %d\n", run, options.runs);
    bench::fresh_copy(setup / "kmsdata", data);
    const fs::path memory = scratch / "peak-rss-after-login";
    bench::print_step("plan (verify+classify)",
               bench::in_child("the plan pass", [&] { run_plan(data, source_sha256, options.users, memory); }), n);
    std::printf("%s", bench::slurp(memory).c_str());
    const bench::measured imported =
        bench::in_child("the import", [&] { run_import(data, source_sha256, options.users, memory); });
    bench::print_step("import", imported, n);
    std::printf("%s", bench::slurp(memory).c_str());
    if (!compare) continue;
    const bench::anchor_files files{setup};
    const auto compare_with = [&](const char* label, const bench::measured& openssl) {
      bench::print_step(label, openssl, n);
      std::printf("ratio import/%-9s %.2f wall, %.2f CPU\n", label + 8, imported.seconds / openssl.seconds,
                  imported.cpu_seconds / openssl.cpu_seconds);
    };
    const bench::measured streaming = bench::decrypt_verify_streaming(files, setup / "enveloped.der");
    compare_with("openssl streaming", streaming);
    wall_ratios.push_back(imported.seconds / streaming.seconds);
    cpu_ratios.push_back(imported.cpu_seconds / streaming.cpu_seconds);
    compare_with("openssl buffered", bench::decrypt_verify_buffered(files, setup / "enveloped.der", scratch));
  }
  if (!compare) {
    if (!options.compare_with_openssl) std::printf("openssl                (not compared: --no-openssl)\n");
    return;
  }
  std::printf("median ratio to the streaming anchor  %.2f wall, %.2f CPU over %d run(s)  (target <= 3 at 100k users)\n",
              bench::median(wall_ratios), bench::median(cpu_ratios), options.runs);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    run(arbor::km::bench::parse_options(argc, argv, "import_bench"));
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "import_bench: %s\n", e.what());
    return 1;
  }
}
