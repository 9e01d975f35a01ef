#pragma once
// The command line the export and import benchmarks share:
//   [--users N] [--no-openssl] [--runs K] [--keep DIR] [--vault-sealed]
#include <filesystem>
#include <string>

namespace arbor::km::bench {

struct bench_options {
  long users = 10000;
  // --no-openssl skips the openssl comparison.
  bool compare_with_openssl = true;
  // --runs K measures each side K times, alternating, so the ratio is not one moment of a shared
  // machine; the median is reported.
  int runs = 1;
  // --keep DIR keeps what was prepared (the filled data directory, or the transfer file and its
  // destination) in DIR and reuses it on the next run asking for the same (preparing takes longer
  // than what is measured).
  std::filesystem::path keep_dir;
  // --vault-sealed (export) fills the keys as an import or the upgrade from master.key leaves
  // them, sealed under the vault (AES-256-GCM to open), instead of as enrollment seals them, to the
  // escrow public key (one X25519 agreement more to open each).
  bool vault_sealed = false;
};

// Throws std::invalid_argument with the usage of `program` on anything else.
bench_options parse_options(int argc, char** argv, const std::string& program);

}  // namespace arbor::km::bench
