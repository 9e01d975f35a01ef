#include "crypto/user_key_types.hpp"

#include <algorithm>
#include <string>

#include "common/km_error.hpp"

namespace arbor::km::crypto {

void check_user_key_type(std::string_view name) {
  if (std::find(user_key_types.begin(), user_key_types.end(), name) != user_key_types.end()) return;
  throw error(errc::bad_input, "\"" + std::string(name) +
                                   "\" is not a user key type: choose rsa2048, rsa3072, ec-p256 or ec-p384.");
}

crypto::private_key generate_user_key(std::string_view name) {
  if (name == "rsa2048") return crypto::private_key::generate_rsa(2048);
  if (name == "rsa3072") return crypto::private_key::generate_rsa(3072);
  if (name == "ec-p256") return crypto::private_key::generate_ec("P-256");
  check_user_key_type(name);
  return crypto::private_key::generate_ec("P-384");
}

}  // namespace arbor::km::crypto
