#include "ca_server.hpp"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace arbor::km::ca::testing {
namespace {

const std::string script = std::string(ARBOR_SOURCE_DIR) + "/scripts/ca-server";

std::filesystem::path make_temp_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "arbor-ca-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
  return pattern;
}

}  // namespace

void run_or_throw(const std::string& command) {
  const int status = std::system(command.c_str());
  if (status != 0) throw std::runtime_error("command failed (status " + std::to_string(status) + "): " + command);
}

ca_server::ca_server() : dir_(make_temp_dir()) {
  try {
    run_or_throw("'" + script + "' start '" + dir_.string() + "' >/dev/null");
    std::ifstream(dir_ / "url") >> url_;
  } catch (...) {
    std::filesystem::remove_all(dir_);
    throw;
  }
}

ca_server::~ca_server() {
  stop();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

void ca_server::stop() { (void)std::system(("'" + script + "' stop '" + dir_.string() + "'").c_str()); }

}  // namespace arbor::km::ca::testing
