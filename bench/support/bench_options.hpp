#pragma once
// The command line the export and import benchmarks share: [--users N] [--no-openssl], and for
// the import benchmark also [--runs K] [--keep DIR].
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
};

// Which options a program takes beyond --users and --no-openssl.
enum class repeatable : bool { no, yes };

// Throws std::invalid_argument with the usage of `program` on anything else.
bench_options parse_options(int argc, char** argv, const std::string& program, repeatable extra = repeatable::no);

}  // namespace arbor::km::bench
