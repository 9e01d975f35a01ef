#include "store/random_id.hpp"

#include <openssl/rand.h>

#include <vector>

#include "common/hex.hpp"
#include "common/km_error.hpp"

namespace arbor::km::store {

std::string random_id(std::size_t bytes) {
  std::vector<std::uint8_t> raw(bytes);
  if (RAND_bytes(raw.data(), static_cast<int>(raw.size())) != 1) {
    throw error(errc::internal, "could not draw random bytes for a new identifier",
                "RAND_bytes failed");
  }
  return to_hex(raw);
}

}  // namespace arbor::km::store
