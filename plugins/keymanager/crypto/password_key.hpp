#pragma once
// The key an administrator's password wraps their keyslot with: the raw 32-byte output of
// Argon2id over the password with the keyslot's own salt and parameters. The login check's hash
// (auth/password_hash) is made with another salt, so a stolen login hash does not give this key.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "common/argon2_params.hpp"
#include "common/secret.hpp"

namespace arbor::km::crypto {

inline constexpr std::size_t password_salt_size = 16;

// Argon2id(password, salt, cost) -> 32 bytes. errc::internal when libargon2 refuses (a salt
// shorter than 8 bytes, parameters out of its range), naming its message.
secret password_key(const secret& password, std::span<const std::uint8_t> salt, const argon2_params& cost);

// 16 fresh random bytes for a keyslot's salt.
std::vector<std::uint8_t> new_password_salt();

}  // namespace arbor::km::crypto
