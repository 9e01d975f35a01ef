#pragma once
// Administrator passwords as Argon2id hashes (libargon2, encoded "$argon2id$v=19$m=...,t=...,p=...
// $salt$hash" strings, so each hash carries its own parameters and old hashes keep verifying
// when the defaults change).
#include <cstdint>
#include <string>
#include <string_view>

#include "common/argon2_params.hpp"
#include "common/secret.hpp"

namespace arbor::km::auth {

using km::argon2_params;

// Hashes and verifies passwords with one set of parameters.
class password_hasher {
 public:
  explicit password_hasher(argon2_params params = {}) : params_(params) {}

  // An encoded Argon2id hash of `password` with a fresh random 16-byte salt.
  std::string hash(const secret& password) const;

  // True when `password` matches `encoded`. errc::corrupt when `encoded` is not a readable
  // Argon2id hash (a damaged administrators table).
  bool verify(std::string_view encoded, const secret& password) const;

 private:
  argon2_params params_;
};

// Refuses a new password that is too weak to set, with errc::bad_input saying why: shorter than
// 8 characters, or the initial password "password".
void check_new_password(const secret& password);

}  // namespace arbor::km::auth
