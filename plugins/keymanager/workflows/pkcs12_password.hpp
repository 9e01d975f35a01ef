#pragma once
// The password a user chooses for the PKCS#12 file that carries their keys.
#include "common/secret.hpp"

namespace arbor::km::workflows {

class pkcs12_password {
 public:
  /// errc::bad_input unless `password` can protect a user's PKCS#12 file: at least 8
  /// characters, no NUL.
  explicit pkcs12_password(secret password);

  const secret& value() const noexcept { return password_; }

 private:
  secret password_;
};

}  // namespace arbor::km::workflows
