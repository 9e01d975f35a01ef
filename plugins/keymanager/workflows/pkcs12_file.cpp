#include "workflows/pkcs12_file.hpp"

#include <string>

#include "common/atomic_file.hpp"
#include "common/km_error.hpp"

namespace arbor::km::workflows {

std::filesystem::path save_pkcs12(const std::filesystem::path& output, std::span<const std::uint8_t> pkcs12) {
  try {
    write_file_atomically(output, pkcs12, 0600, if_exists::refuse);
  } catch (const error& e) {
    throw error(e.code(), std::string(e.what()) +
                              ". Your keys are safe in the Key Manager: ask an administrator for a recovery token.",
                e.technical());
  }
  return std::filesystem::absolute(output);
}

}  // namespace arbor::km::workflows
