#include "crypto/file_digest.hpp"

#include <openssl/evp.h>

#include <array>
#include <fstream>

#include "common/hex.hpp"
#include "common/km_error.hpp"

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
  std::error_code ec;
  if (!std::filesystem::is_regular_file(std::filesystem::symlink_status(path, ec)))
    throw error(errc::not_found, path.string() + " is not there (or is not a regular file)");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw error(errc::io, "could not read " + path.string());
  sha256_stream digest;
  std::array<char, 1 << 16> piece{};
  while (in.read(piece.data(), piece.size()) || in.gcount() > 0) {
    digest.update(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(piece.data()),
                                                static_cast<std::size_t>(in.gcount())));
  }
  if (in.bad()) throw error(errc::io, "could not read " + path.string());
  return digest.hex();
}

}  // namespace arbor::km::crypto
