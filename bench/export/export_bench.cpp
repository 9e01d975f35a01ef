// export_bench: fills a fresh KMSData directory with N users (two keys each, certificates from a
// local test CA over a small key pool, keys sealed as Complete Enrollment seals them: to the escrow
// public key, one X25519 agreement each to open), runs the Export Users workflow on it (the
// administrator's login and the opening of the keys, then lock, selection, backup, file,
// transaction; revocation excluded: no Certificate Services is configured, and bench/ca measures
// revocation), then signs and encrypts a payload of the same JSON lines with the openssl command
// line, streaming and buffered (openssl_anchor.hpp), and prints the figures and both ratios.
//
//   export_bench [--users N] [--no-openssl] [--runs K] [--keep DIR] [--vault-sealed]   (bench_options.hpp)
//
// With --keep DIR the filled directory is kept and reused; each run exports from a fresh copy.
//
// Each part runs in its own process (fork, or the openssl tool) and wait4() reports that
// process's peak RSS, so the figures for the export are its own, not the filling's.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <stdexcept>
#include <string>

#include "common/clock.hpp"
#include "bench_ca.hpp"
#include "bench_kms.hpp"
#include "bench_options.hpp"
#include "measured_process.hpp"
#include "openssl_anchor.hpp"
#include "prepared_setup.hpp"
#include "scratch_directory.hpp"
#include "crypto/certificate.hpp"
#include "workflows/history_entry.hpp"
#include "crypto/x25519_seal.hpp"
#include "instance/key_sealing.hpp"
#include "instance/key_manager.hpp"
#include "store/key_history.hpp"
#include "store/random_id.hpp"
#include "store/users.hpp"
#include "workflows/export_users.hpp"
#include "transfer/record_codec.hpp"

namespace {

using namespace arbor::km;
namespace fs = std::filesystem;
using steady = std::chrono::steady_clock;

constexpr long users_per_transaction = 2000;

std::chrono::sys_seconds unix_now() { return arbor::km::system_clock().now(); }

void write_bytes(const fs::path& path, const std::uint8_t* data, std::size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
}

// One user as the fill stores it, and the line the export will write for them.
struct made_user {
  store::user_record user;
  std::vector<store::key_entry> entries;
  secret line;
};

// What sealing a user key takes: the vault's key, or the escrow public key as enrollment seals.
struct key_sealer {
  const opened_vault& keys;
  const crypto::x25519_public_key& escrow;
  bool vault_sealed;
  std::vector<std::uint8_t> operator()(const secret& pkcs8, const std::string& binding) const {
    return vault_sealed ? keys.user_keys().seal(pkcs8, binding) : crypto::seal_to(escrow, pkcs8, binding);
  }
};

// User n with two keys (serials 2 + 2n and 3 + 2n). The payload line is made from the keys as
// they are, not by opening what was sealed: the bytes are the same, the X25519 agreement is saved.
made_user make_user(long n, const bench::bench_ca& ca, const key_sealer& seal) {
  made_user made{{store::random_id(), "user" + std::to_string(n), "Bench User " + std::to_string(n),
                  "user" + std::to_string(n) + "@bench.example", "active", unix_now()},
                 {},
                 {}};
  transfer::user_record record{made.user.user_id, made.user.alias, made.user.display_name, made.user.email,
                               made.user.state, {}};
  for (std::uint64_t k = 0; k < 2; ++k) {
    const std::uint64_t serial = 2 + 2 * static_cast<std::uint64_t>(n) + k;
    const std::string key_id = store::random_id();
    auto entry = workflows::history_entry(made.user.user_id, key_id,
                                          crypto::certificate_facts::from_der(ca.issue_der(serial), key_id),
                                          seal(ca.pkcs8_for(serial), key_binding(made.user.user_id, key_id)), unix_now());
    entry.seq = static_cast<std::int64_t>(k) + 1;
    record.keys.push_back({key_id, entry.seq, std::string(store::to_string(entry.status)), entry.added_at, entry.cert_der,
                           secret(ca.pkcs8_for(serial))});
    made.entries.push_back(std::move(entry));
  }
  transfer::append_user_line(record, made.line);
  return made;
}

// Users [first, last), made on two threads (the signatures and seals are most of the fill).
std::vector<made_user> make_users(long first, long last, const bench::bench_ca& ca, const key_sealer& seal) {
  std::vector<made_user> made(static_cast<std::size_t>(last - first));
  const auto make_range = [&](long from, long to) {
    for (long n = from; n < to; ++n) made[static_cast<std::size_t>(n - first)] = make_user(n, ca, seal);
  };
  const long middle = first + (last - first) / 2;
  auto other_half = std::async(std::launch::async, make_range, middle, last);
  make_range(first, middle);
  other_half.get();
  return made;
}

// Adds `users` users with two keys each through the store's own bulk path (the import's appender),
// and writes the payload lines the export will write for them to `payload` (the openssl
// pipeline's input), and the source identity for openssl. The next batch is made while one is
// stored.
void fill(const fs::path& data, const fs::path& scratch, long users, bool vault_sealed) {
  const arbor::km::system_clock clock;
  const auto where = bench::bench_site(data, {crypto::key_type::rsa3072, "Export Bench Source", std::chrono::days(30)}, clock);
  auto kms = workflows::open(where);
  const auto keys = bench::logged_in_keys(kms, where, "export-users");
  const auto escrow = kms.escrow_public_key();
  const key_sealer seal{keys, escrow, vault_sealed};
  const bench::bench_ca ca(8);
  std::ofstream payload(scratch / "payload.jsonl", std::ios::binary);
  const auto batch = [&](long first) {
    return make_users(first, std::min(users, first + users_per_transaction), ca, seal);
  };
  auto next = std::async(std::launch::async, batch, 0L);
  for (long first = 0; first < users; first += users_per_transaction) {
    const auto made = next.get();
    const long following = first + users_per_transaction;
    if (following < users) next = std::async(std::launch::async, batch, following);
    store::sqlite::transaction tx(kms.db());
    store::user_repository user_rows(kms.db());
    store::history_appender history(kms.db());
    for (const made_user& one : made) {
      user_rows.add(one.user);
      for (const store::key_entry& entry : one.entries) history.append_unless_present(entry);
      payload.write(one.line.view().data(), static_cast<std::streamsize>(one.line.size()));
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
  double peak_rss_mib = 0;  // the peak so far (since the login, once logged in)
};

class phase_clock final : public workflows::progress {
 public:
  std::vector<phase_start> phases;
  void phase(std::string_view label, std::uint64_t) override {
    const bench::measured usage = bench::own_usage();
    phases.push_back({std::string(label), steady::now(), usage.cpu_seconds, bench::peak_rss_since_reset_mib()});
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
  const double login_peak = bench::peak_rss_since_reset_mib();
  bench::reset_peak_rss();
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
  std::fprintf(report, "  peak RSS: during the login %.1f MiB (Argon2id), after it %.1f MiB (the export's own)\n",
               login_peak, bench::peak_rss_since_reset_mib());
  std::fclose(report);
}

// The filled data directory, the payload and the identities, made once in `setup` (or reused
// from an earlier run asking for the same users, sealed the same way).
void prepare_once(const fs::path& setup, long users, bool vault_sealed) {
  const std::string what = std::to_string(users) + (vault_sealed ? " users, vault-sealed" : " users, escrow-sealed");
  if (bench::prepared_for(setup, what)) {
    std::printf("setup                  reused from %s\n", setup.c_str());
    return;
  }
  const auto destination = crypto::server_identity::generate(crypto::key_type::rsa3072, "Export Bench Destination",
                                                             std::chrono::days(30));
  std::ofstream(setup / "dest.crt") << destination.cert().pem();
  const bench::measured filled =
      bench::in_child("filling the data directory", [&] { fill(setup / "kmsdata", setup, users, vault_sealed); });
  std::printf("fill (not measured)    %.1f s, kms.db %.1f MiB\n", filled.seconds,
              bench::mib(fs::file_size(setup / "kmsdata" / "database" / "kms.db")));
  bench::mark_prepared(setup, what);
}

// One export on a fresh copy of the filled directory, and the anchors on the same payload;
// returns the ratios to the streaming anchor (wall, CPU) when compared.
std::vector<double> run_once(const fs::path& setup, const fs::path& scratch, const bench::bench_options& options) {
  const double n = static_cast<double>(options.users);
  const fs::path data = scratch / "kmsdata";
  bench::fresh_copy(setup / "kmsdata", data);
  fs::copy_file(setup / "dest.crt", scratch / "dest.crt", fs::copy_options::overwrite_existing);
  const bench::measured exported = bench::in_child("the export", [&] { export_all(data, scratch); });
  bench::print_step("export", exported, n);
  std::printf("%s", bench::slurp(scratch / "export.txt").c_str());
  std::printf("export file            %.1f MiB; payload %.1f MiB\n", bench::mib(fs::file_size(data / "bench.kmx")),
              bench::mib(fs::file_size(setup / "payload.jsonl")));
  fs::remove_all(data);
  if (!options.compare_with_openssl) return {};
  const bench::anchor_files files{setup};
  const auto compare = [&](const char* label, const bench::measured& openssl) {
    bench::print_step(label, openssl, n);
    std::printf("ratio export/%-9s %.2f wall, %.2f CPU\n", label + 8, exported.seconds / openssl.seconds,
                exported.cpu_seconds / openssl.cpu_seconds);
    fs::remove(scratch / "enveloped.der");
    return std::vector<double>{exported.seconds / openssl.seconds, exported.cpu_seconds / openssl.cpu_seconds};
  };
  const auto ratios = compare("openssl streaming", bench::sign_encrypt_streaming(files, scratch / "enveloped.der"));
  if (bench::whole_message_anchor_fits(options.users)) {
    compare("openssl buffered", bench::sign_encrypt_buffered(files, scratch / "enveloped.der"));
  } else {
    std::printf("openssl buffered       not run: it holds the whole %.0f MiB message in memory\n",
                bench::mib(fs::file_size(setup / "payload.jsonl")));
  }
  return ratios;
}

void run(const bench::bench_options& options) {
  const bench::scratch_directory work("export-bench");
  const fs::path& scratch = work.path();
  const fs::path setup = options.keep_dir.empty() ? scratch / "setup" : options.keep_dir;
  std::printf("users                  %ld (2 keys each: RSA 2048, certificates from a local test CA)\n", options.users);
  std::printf("keys sealed            %s\n", options.vault_sealed ? "under the vault, as an import or the upgrade leaves them"
                                                              : "to the escrow public key, as enrollment seals them");
  prepare_once(setup, options.users, options.vault_sealed);
  std::vector<double> wall_ratios;
  std::vector<double> cpu_ratios;
  for (int run = 1; run <= options.runs; ++run) {
    if (options.runs > 1) std::printf("run %d of %d\n", run, options.runs);
    const auto ratios = run_once(setup, scratch, options);
    if (ratios.empty()) continue;
    wall_ratios.push_back(ratios[0]);
    cpu_ratios.push_back(ratios[1]);
  }
  if (!options.compare_with_openssl) {
    std::printf("openssl                (not compared: --no-openssl)\n");
    return;
  }
  std::printf("median ratio to the streaming anchor  %.2f wall, %.2f CPU over %d run(s)  (target <= 3 at 100k users)\n",
              bench::median(wall_ratios), bench::median(cpu_ratios), options.runs);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const auto options = arbor::km::bench::parse_options(argc, argv, "export_bench");
    run(options);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "export_bench: %s\n", e.what());
    return 1;
  }
}
