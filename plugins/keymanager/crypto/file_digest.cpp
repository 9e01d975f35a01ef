#include "crypto/file_digest.hpp"

#include <openssl/evp.h>

#include <array>

#include "common/hex.hpp"
#include "common/km_error.hpp"
#include "crypto/file_reader.hpp"

namespace arbor::km::crypto {

sha256_stream::sha256_stream() : ctx_(EVP_MD_CTX_new()) {
  if (!ctx_) throw error(errc::internal, "could not start a SHA-256 digest", "EVP_MD_CTX_new failed");
  ossl::require_ok(EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr), "EVP_DigestInit_ex");
}

void sha256_stream::update(std::span<const std::uint8_t> bytes) {
  ossl::require_ok(EVP_DigestUpdate(ctx_.get(), bytes.data(), bytes.size()), "EVP_DigestUpdate");
}

std::string sha256_stream::hex() {
  std::array<std::uint8_t, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  ossl::require_ok(EVP_DigestFinal_ex(ctx_.get(), digest.data(), &length), "EVP_DigestFinal_ex");
  ossl::require_ok(EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr), "EVP_DigestInit_ex");
  return km::to_hex(std::span<const std::uint8_t>(digest.data(), length));
}

std::string sha256_of_file(const std::filesystem::path& path) {
  file_reader file(path);
  sha256_stream digest;
  std::array<std::uint8_t, 1 << 16> piece{};
  while (const std::size_t n = file.read_some(piece.data(), piece.size())) digest.update({piece.data(), n});
  return digest.hex();
}

}  // namespace arbor::km::crypto
