#include "crypto/ossl.hpp"

#include <openssl/err.h>

#include "common/km_error.hpp"

namespace arbor::km::crypto::ossl {

std::string openssl_errors() {
  std::string out;
  const char* data = nullptr;
  int flags = 0;
  while (const unsigned long code = ERR_get_error_all(nullptr, nullptr, nullptr, &data, &flags)) {
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    if (!out.empty()) out += "; ";
    out += text;
    if ((flags & ERR_TXT_STRING) != 0 && data != nullptr && *data != '\0') {
      out += " (";
      out += data;
      out += ')';
    }
  }
  return out;
}

void throw_crypto(std::string_view what) {
  std::string detail = openssl_errors();
  if (detail.empty()) detail = "no OpenSSL error recorded";
  throw error(errc::crypto, std::string(what), std::move(detail));
}

bio_ptr new_memory_bio() {
  return bio_ptr(require(BIO_new(BIO_s_mem()), "could not allocate a memory buffer"));
}

std::string memory_bio_text(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  if (size <= 0 || data == nullptr) return {};
  return {data, static_cast<std::size_t>(size)};
}

}  // namespace arbor::km::crypto::ossl
