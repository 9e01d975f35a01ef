#pragma once
// The kinds of key pair the Key Manager makes for users, by the names the Enrollment settings
// use ("rsa2048", "ec-p256", ...).
#include <array>
#include <string_view>

#include "crypto/private_key.hpp"

namespace arbor::km::crypto {

/// Every user key type an operator may choose; the first is the default.
inline constexpr std::array<std::string_view, 4> user_key_types = {"rsa2048", "rsa3072", "ec-p256", "ec-p384"};

/// errc::bad_input naming the accepted types when `name` is not one of user_key_types.
void check_user_key_type(std::string_view name);

/// A fresh key pair of type `name`. errc::bad_input naming the accepted types for any other.
crypto::private_key generate_user_key(std::string_view name);

}  // namespace arbor::km::crypto
