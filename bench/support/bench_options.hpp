#pragma once
// The command line the export and import benchmarks share: [--users N] [--no-openssl], for the
// import benchmark also [--runs K] [--keep DIR], and for the export benchmark [--vault-sealed].
#include <filesystem>
#include <string>

namespace arbor::km::bench {

struct bench_options {
  long users = 10000;
  // --no-openssl skips the openssl comparison: the openssl tool holds the whole message in
  // memory (about 10 GiB at a million users), which these benchmarks show our side never needs.
  bool compare_with_openssl = true;
  // --runs K measures each side K times, alternating, so the ratio is not one moment of a shared
  // machine; the median is reported.
  int runs = 1;
  // --keep DIR keeps the prepared transfer file and destination in DIR and reuses them on the
  // next run with the same --users (preparing takes longer than what is measured).
  std::filesystem::path keep_dir;
  // --vault-sealed fills the keys as an import or the upgrade from master.key leaves them, sealed
  // under the vault (AES-256-GCM to open), instead of as enrollment seals them, to the escrow
  // public key (one X25519 agreement more to open each).
  bool vault_sealed = false;
};

// Which options a program takes beyond --users and --no-openssl: the import benchmark's
// repetitions, or the export benchmark's choice of how keys are sealed.
enum class repeatable : bool { no, yes };

// Throws std::invalid_argument with the usage of `program` on anything else.
bench_options parse_options(int argc, char** argv, const std::string& program, repeatable extra = repeatable::no);

}  // namespace arbor::km::bench
