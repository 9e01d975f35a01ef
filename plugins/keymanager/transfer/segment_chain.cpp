#include "transfer/segment_chain.hpp"

#include <openssl/evp.h>

#include <cstring>

#include "common/hex.hpp"
#include "crypto/ossl.hpp"

namespace arbor::km::transfer {
namespace {

void sha256(const void* data, std::size_t size, std::uint8_t* out) {
  crypto::ossl::require_ok(EVP_Digest(data, size, out, nullptr, EVP_sha256(), nullptr),
                           "could not compute SHA-256 for the transfer file");
}

}  // namespace

segment_chain::segment_chain() { sha256("", 0, head_.data()); }

void segment_chain::add(std::string_view payload) {
  std::array<std::uint8_t, 64> link{};
  std::memcpy(link.data(), head_.data(), head_.size());
  sha256(payload.data(), payload.size(), link.data() + 32);
  sha256(link.data(), link.size(), head_.data());
}

std::string segment_chain::hex() const { return km::to_hex(head_); }

}  // namespace arbor::km::transfer
