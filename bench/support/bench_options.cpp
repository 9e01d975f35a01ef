#include "bench_options.hpp"

#include <stdexcept>

namespace arbor::km::bench {

bench_options parse_options(int argc, char** argv, const std::string& program) {
  bench_options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--users" && i + 1 < argc) {
      options.users = std::stol(argv[++i]);
      if (options.users <= 0) throw std::invalid_argument("--users needs a positive number");
    } else if (arg == "--no-openssl") {
      options.compare_with_openssl = false;
    } else {
      throw std::invalid_argument("usage: " + program + " [--users N] [--no-openssl]");
    }
  }
  return options;
}

}  // namespace arbor::km::bench
