#include "bench_options.hpp"

#include <stdexcept>

namespace arbor::km::bench {

bench_options parse_options(int argc, char** argv, const std::string& program) {
  const std::string usage = "usage: " + program + " [--users N] [--no-openssl] [--runs K] [--keep DIR] [--vault-sealed]";
  bench_options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--users" && has_value) {
      options.users = std::stol(argv[++i]);
      if (options.users <= 0) throw std::invalid_argument("--users needs a positive number");
    } else if (arg == "--no-openssl") {
      options.compare_with_openssl = false;
    } else if (arg == "--runs" && has_value) {
      options.runs = std::stoi(argv[++i]);
      if (options.runs <= 0) throw std::invalid_argument("--runs needs a positive number");
    } else if (arg == "--keep" && has_value) {
      options.keep_dir = argv[++i];
    } else if (arg == "--vault-sealed") {
      options.vault_sealed = true;
    } else {
      throw std::invalid_argument(usage);
    }
  }
  return options;
}

}  // namespace arbor::km::bench
