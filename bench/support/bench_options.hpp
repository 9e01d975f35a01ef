#pragma once
// The command line the export and import benchmarks share: [--users N] [--no-openssl].
#include <string>

namespace arbor::km::bench {

struct bench_options {
  long users = 10000;
  // --no-openssl skips the openssl comparison: the openssl tool holds the whole message in
  // memory (about 10 GiB at a million users), which these benchmarks show our side never needs.
  bool compare_with_openssl = true;
};

// Throws std::invalid_argument with the usage of `program` on anything else.
bench_options parse_options(int argc, char** argv, const std::string& program);

}  // namespace arbor::km::bench
