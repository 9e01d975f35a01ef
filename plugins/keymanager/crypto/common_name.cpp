#include "crypto/common_name.hpp"

#include <openssl/err.h>

#include <string>

#include "common/km_error.hpp"
#include "crypto/ossl.hpp"

namespace arbor::km::crypto {
namespace {

// 64 characters of up to 4 UTF-8 bytes; longer input cannot be valid and need not be parsed.
constexpr std::size_t max_common_name_bytes = 64 * 4;

}  // namespace

void add_common_name(X509_NAME* name, std::string_view common_name, std::string_view what) {
  // OpenSSL enforces the 64-character bound and UTF-8 validity itself; an empty name it allows.
  if (common_name.empty() || common_name.size() > max_common_name_bytes ||
      X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                 reinterpret_cast<const unsigned char*>(common_name.data()),
                                 static_cast<int>(common_name.size()), -1, 0) != 1) {
    throw error(errc::bad_input,
                std::string(what) + " must be 1 to 64 characters of valid UTF-8",
                ossl::openssl_errors());
  }
}

}  // namespace arbor::km::crypto
