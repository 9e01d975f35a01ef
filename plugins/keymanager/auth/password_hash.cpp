#include "auth/password_hash.hpp"

#include <argon2.h>
#include <openssl/rand.h>

#include <array>
#include <vector>

#include "common/km_error.hpp"

namespace arbor::km::auth {
namespace {

constexpr std::size_t salt_bytes = 16;
constexpr std::size_t hash_bytes = 32;
constexpr std::size_t minimum_length = 8;

}  // namespace

std::string password_hasher::hash(const secret& password) const {
  std::array<std::uint8_t, salt_bytes> salt{};
  if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) {
    throw error(errc::internal, "could not draw random bytes for a password salt",
                "RAND_bytes failed");
  }
  std::vector<char> encoded(argon2_encodedlen(params_.iterations, params_.memory_kib,
                                              params_.parallelism, salt_bytes, hash_bytes,
                                              Argon2_id));
  const int rc = argon2id_hash_encoded(params_.iterations, params_.memory_kib, params_.parallelism,
                                       password.data(), password.size(), salt.data(), salt.size(),
                                       hash_bytes, encoded.data(), encoded.size());
  if (rc != ARGON2_OK) {
    throw error(errc::internal, "could not hash the password",
                std::string("argon2id_hash_encoded: ") + argon2_error_message(rc));
  }
  return std::string(encoded.data());
}

bool password_hasher::verify(std::string_view encoded, const secret& password) const {
  const std::string text(encoded);
  const int rc = argon2id_verify(text.c_str(), password.data(), password.size());
  if (rc == ARGON2_OK) return true;
  if (rc == ARGON2_VERIFY_MISMATCH) return false;
  throw error(errc::corrupt,
              "a stored administrator password hash cannot be read: restore a backup, or remove "
              "and re-add that administrator",
              std::string("argon2id_verify: ") + argon2_error_message(rc));
}

void check_new_password(const secret& password) {
  if (password.size() < minimum_length) {
    throw error(errc::bad_input, "the new password is too short: use at least " +
                                     std::to_string(minimum_length) + " characters");
  }
  if (password.view() == "password") {
    throw error(errc::bad_input,
                "the new password cannot be \"password\", the initial password everybody knows");
  }
}

}  // namespace arbor::km::auth
