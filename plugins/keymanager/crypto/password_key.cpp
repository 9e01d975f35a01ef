#include "crypto/password_key.hpp"

#include <argon2.h>
#include <openssl/rand.h>

#include <string>

#include "common/km_error.hpp"
#include "crypto/ossl.hpp"

namespace arbor::km::crypto {
namespace {

constexpr std::size_t key_size = 32;

}  // namespace

secret password_key(const secret& password, std::span<const std::uint8_t> salt, const argon2_params& cost) {
  secret key(key_size);
  const int rc = argon2id_hash_raw(cost.iterations, cost.memory_kib, cost.parallelism, password.data(), password.size(),
                                   salt.data(), salt.size(), key.data(), key.size());
  if (rc != ARGON2_OK) {
    throw error(errc::internal, std::string("could not derive a key from the password: ") + argon2_error_message(rc));
  }
  return key;
}

std::vector<std::uint8_t> new_password_salt() {
  std::vector<std::uint8_t> salt(password_salt_size);
  ossl::require_ok(RAND_bytes(salt.data(), static_cast<int>(salt.size())), "could not draw a password salt");
  return salt;
}

}  // namespace arbor::km::crypto
