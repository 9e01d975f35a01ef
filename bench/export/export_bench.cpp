// export_bench: fills a fresh KMSData directory with N users (two keys each, certificates from a
// local test CA over a small key pool, keys sealed as Complete Enrollment seals them: to the escrow
// public key, one X25519 agreement each to open), runs the Export Users workflow on it (the
// administrator's login and the opening of the keys, then lock, selection, backup, file,
// transaction; revocation excluded: no
// Certificate Services is configured, and bench/ca measures revocation), then signs and encrypts
// a payload of the same size with the openssl command line, and prints both.
//
//   export_bench [--users N] [--no-openssl] [--vault-sealed]   (bench_options.hpp)
//
// Each part runs in its own process (fork, or the openssl tool) and wait4() reports that
// process's peak RSS, so the figures for the export are its own, not the filling's.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>

#include "common/clock.hpp"
#include "bench_ca.hpp"
#include "bench_kms.hpp"
#include "bench_options.hpp"
#include "measured_process.hpp"
#include "scratch_directory.hpp"
#include "crypto/certificate.hpp"
#include "workflows/history_entry.hpp"
#include "instance/key_sealing.hpp"
#include "instance/key_manager.hpp"
#include "store/key_history.hpp"
#include "store/random_id.hpp"
#include "store/users.hpp"
#include "workflows/export_users.hpp"
#include "workflows/exported_user.hpp"
#include "transfer/record_codec.hpp"

namespace {

using namespace arbor::km;
namespace fs = std::filesystem;
using steady = std::chrono::steady_clock;

constexpr long users_per_transaction = 5000;

std::chrono::sys_seconds unix_now() { return arbor::km::system_clock().now(); }

void write_bytes(const fs::path& path, const std::uint8_t* data, std::size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
}

// Adds `users` users with two keys each, and writes the payload lines the export will write for
// them to `payload` (the openssl pipeline's input), and the source identity for openssl.
void fill(const fs::path& data, const fs::path& scratch, long users, bool vault_sealed) {
  const arbor::km::system_clock clock;
  const auto where = bench::bench_site(data, {crypto::key_type::rsa3072, "Export Bench Source", std::chrono::days(30)}, clock);
  auto kms = workflows::open(where);
  const auto keys = bench::logged_in_keys(kms, where, "export-users");
  const auto escrow = kms.escrow_public_key();
  const bench::bench_ca ca(8);
  store::user_repository user_rows(kms.db());
  store::key_history_repository history(kms.db());
  std::ofstream payload(scratch / "payload.jsonl", std::ios::binary);
  arbor::km::secret line;
  std::uint64_t serial = 2;
  for (long first = 0; first < users; first += users_per_transaction) {
    store::sqlite::transaction tx(kms.db());
    for (long n = first; n < std::min(users, first + users_per_transaction); ++n) {
      const store::user_record user{store::random_id(), "user" + std::to_string(n), "Bench User " + std::to_string(n),
                                    "user" + std::to_string(n) + "@bench.example", "active", unix_now()};
      user_rows.add(user);
      std::vector<store::key_entry> entries;
      for (int k = 0; k < 2; ++k, ++serial) {
        const std::string key_id = store::random_id();
        const auto& key = ca.key_for(serial);
        auto sealed = vault_sealed ? keys.user_keys().seal(key.to_pkcs8_der(), key_binding(user.user_id, key_id))
                                   : arbor::km::seal_user_key(escrow, key, user.user_id, key_id);
        auto entry = workflows::history_entry(user.user_id, key_id, ca.issue(serial).facts(), std::move(sealed), unix_now());
        entry.seq = history.append(entry);
        entries.push_back(std::move(entry));
      }
      line.clear();
      transfer::append_user_line(workflows::exported_user(user, entries, keys), line);
      payload.write(line.view().data(), static_cast<std::streamsize>(line.size()));
    }
    tx.commit();
  }
  const secret key = keys.identity().key().to_pkcs8_der();
  write_bytes(scratch / "source.key", key.data(), key.size());
  std::ofstream(scratch / "source.crt") << kms.certificate().pem();
}

// When each phase of the export began, in wall and CPU time.
struct phase_start {
  std::string label;
  steady::time_point wall;
  double cpu = 0;
  double peak_rss_mib = 0;  // the process's peak so far
};

class phase_clock final : public workflows::progress {
 public:
  std::vector<phase_start> phases;
  void phase(std::string_view label, std::uint64_t) override {
    const bench::measured usage = bench::own_usage();
    phases.push_back({std::string(label), steady::now(), usage.cpu_seconds, usage.peak_rss_mib});
  }
  void step(std::string_view) override {}
  bool cancelled() const override { return false; }
};

void export_all(const fs::path& data, const fs::path& scratch) {
  const arbor::km::system_clock clock;
  const auto where = bench::bench_site(data, {}, clock);
  auto kms = workflows::open(where);
  phase_clock phases;
  phases.phase("Login and opening the keys", 0);
  const auto keys = bench::logged_in_keys(kms, where, "export-users");
  phases.phase("Selection and backup", 0);
  workflows::destination to(scratch / "dest.crt", kms.certificate(), unix_now());
  workflows::user_selection everyone(kms.db(), {workflows::user_scope::all, {}, {}});
  const auto done = workflows::export_users(
      kms, keys,
      {workflows::confirmed_destination(to, to.sha256_hex()), workflows::export_file_name("bench.kmx", kms.directory().root()),
       everyone, "export_bench"},
      {nullptr, "revocation is not part of this benchmark"}, phases);
  std::FILE* report = std::fopen((scratch / "export.txt").c_str(), "w");
  std::fprintf(report, "  users exported %lld, keys %lld\n", static_cast<long long>(done.users_exported),
               static_cast<long long>(done.keys_exported));
  for (std::size_t i = 0; i + 1 < phases.phases.size(); ++i) {
    const auto& [label, wall, cpu, rss] = phases.phases[i];
    const phase_start& next = phases.phases[i + 1];
    std::fprintf(report, "  %-48s %6.2f s (CPU %.2f s), peak RSS after %.1f MiB\n", label.c_str(),
                 std::chrono::duration<double>(next.wall - wall).count(), next.cpu - cpu, next.peak_rss_mib);
  }
  std::fprintf(report, "  (the revocation phase is not measured: no Certificate Services)\n");
  std::fclose(report);
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void run(long users, bool compare, bool vault_sealed) {
  const bench::scratch_directory work("export-bench");
  const fs::path& scratch = work.path();
  const fs::path data = scratch / "kmsdata";

  const auto destination = crypto::server_identity::generate(crypto::key_type::rsa3072, "Export Bench Destination",
                                                             std::chrono::days(30));
  std::ofstream(scratch / "dest.crt") << destination.cert().pem();

  const bench::measured filled = bench::in_child("filling the data directory", [&] { fill(data, scratch, users, vault_sealed); });
  const auto database_bytes = fs::file_size(data / "database" / "kms.db");
  const bench::measured exported = bench::in_child("the export", [&] { export_all(data, scratch); });
  const auto file_bytes = fs::file_size(data / "bench.kmx");
  const auto payload_bytes = fs::file_size(scratch / "payload.jsonl");

  const double n = static_cast<double>(users);
  const auto mib = [](std::uintmax_t bytes) { return static_cast<double>(bytes) / 1048576.0; };

  std::printf("users                  %ld (2 keys each: RSA 2048, certificates from a local test CA)\n", users);
  std::printf("keys sealed           %s\n", vault_sealed ? "under the vault, as an import or the upgrade leaves them"
                                                         : "to the escrow public key, as enrollment seals them");
  std::printf("fill (not measured)    %.1f s, kms.db %.1f MiB\n", filled.seconds, mib(database_bytes));
  std::printf("export                 %.2f s (CPU %.2f s)  %.0f users/s  peak RSS %.1f MiB\n", exported.seconds,
              exported.cpu_seconds, n / exported.seconds, exported.peak_rss_mib);
  std::printf("%s", slurp(scratch / "export.txt").c_str());
  std::printf("export file            %ju bytes (%.1f MiB); payload %.1f MiB\n", static_cast<std::uintmax_t>(file_bytes),
              mib(file_bytes), mib(payload_bytes));
  if (!compare) {
    std::printf("openssl                (not compared: --no-openssl)\n");
    return;
  }
  const std::string d = "'" + scratch.string() + "/";
  const bench::measured sign = bench::command("openssl cms -sign -binary -nodetach -md sha256 -signer " + d + "source.crt' -inkey " +
                                d + "source.key' -keyform DER -in " + d + "payload.jsonl' -outform DER -out " + d +
                                "signed.der'");
  const bench::measured encrypt = bench::command("openssl cms -encrypt -binary -aes-256-gcm -in " + d + "signed.der' -outform DER -out " +
                                   d + "enveloped.der' -recip " + d +
                                   "dest.crt' -keyopt rsa_padding_mode:oaep -keyopt rsa_oaep_md:sha256 "
                                   "-keyopt rsa_mgf1_md:sha256");
  const double openssl_s = sign.seconds + encrypt.seconds;
  const double openssl_cpu_s = sign.cpu_seconds + encrypt.cpu_seconds;
  std::printf("openssl sign+encrypt   %.2f s (CPU %.2f s)  %.0f users/s  (sign %.2f s, %.1f MiB; encrypt %.2f s, "
              "%.1f MiB)\n",
              openssl_s, openssl_cpu_s, n / openssl_s, sign.seconds, sign.peak_rss_mib, encrypt.seconds,
              encrypt.peak_rss_mib);
  std::printf("ratio export/openssl   %.2f wall, %.2f CPU  (target <= 1.5 at 100k users)\n", exported.seconds / openssl_s,
              exported.cpu_seconds / openssl_cpu_s);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const auto options = arbor::km::bench::parse_options(argc, argv, "export_bench");
    run(options.users, options.compare_with_openssl, options.vault_sealed);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "export_bench: %s\n", e.what());
    return 1;
  }
}
