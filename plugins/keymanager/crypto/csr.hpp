#pragma once
// Certificate signing requests for users' keys, in the form Certificate Services signs.
#include <string>
#include <string_view>

#include "crypto/private_key.hpp"

namespace arbor::km::crypto {

// A PKCS#10 request signed with `key` (SHA-256): subject CN=`common_name`, and `email` as an
// rfc822Name in a subjectAltName extension. Returns PEM. errc::bad_input for a name that is
// empty, over 64 characters or not UTF-8, or an e-mail address other than local@domain in plain
// ASCII (RFC 5322 atext and dots before the @, letters, digits, dots and hyphens after it).
std::string make_csr(const private_key& key, std::string_view common_name, std::string_view email);

// The checks make_csr applies to the subject, without a key: lets a user's name and e-mail be
// refused when they are entered rather than when their key is made. Same errors as make_csr.
void check_csr_subject(std::string_view common_name, std::string_view email);

}  // namespace arbor::km::crypto
