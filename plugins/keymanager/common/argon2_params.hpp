#pragma once
// Argon2id cost parameters, shared by the login check (auth/password_hash) and the keyslots that
// wrap keys under administrators' passwords (crypto/password_key). Each stored hash and keyslot
// keeps the parameters it was made with, so raising these defaults later leaves old ones working.
#include <cstdint>

namespace arbor::km {

// The defaults follow RFC 9106's second recommended option; tests use smaller ones to stay fast.
struct argon2_params {
  std::uint32_t iterations = 3;
  std::uint32_t memory_kib = 64 * 1024;
  std::uint32_t parallelism = 1;
};

}  // namespace arbor::km
