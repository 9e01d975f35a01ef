#pragma once
// Setting the common name (CN) of a certificate or request subject, with the same limits for
// server identities and users.
#include <openssl/x509.h>

#include <string_view>

namespace arbor::km::crypto {

// Appends CN=`common_name` (UTF-8) to `name`. errc::bad_input when it is empty, longer than 64
// characters (RFC 5280's upper bound) or not valid UTF-8; `what` names it in the message
// ("the server name").
void add_common_name(X509_NAME* name, std::string_view common_name, std::string_view what);

}  // namespace arbor::km::crypto
