#pragma once
// The frame and cipher both sealed blob formats share (crypto/sealing, crypto/x25519_seal):
//   version (1 byte) | the format's own header | nonce (12 random bytes) | ciphertext | tag (16)
// AES-256-GCM authenticates the version byte before the caller's associated data, so a blob of
// one format or one place never opens as another.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/secret.hpp"

namespace arbor::km::crypto {

class sealed_blob_format {
 public:
  static constexpr std::size_t key_size = 32;
  static constexpr std::size_t nonce_size = 12;
  static constexpr std::size_t tag_size = 16;

  // `header_size`: the bytes between the version byte and the nonce. `refusal`: the operator
  // message for a blob that does not verify (it says which key it should have been sealed with).
  constexpr sealed_blob_format(std::uint8_t version, std::size_t header_size, std::string_view refusal)
      : version_(version), header_size_(header_size), refusal_(refusal) {}

  std::uint8_t version() const noexcept { return version_; }

  // Appends nonce | ciphertext | tag to `blob`, which holds the version byte and header already.
  // errc::bad_input when the plaintext or associated data is too large; errc::internal for a key
  // that is not key_size bytes.
  void seal(const secret& key, std::string_view associated_data, const secret& plaintext,
            std::vector<std::uint8_t>& blob) const;

  // Refuses (as refuse()) a blob too short for its header, nonce and tag, or of another version,
  // so its header can be read.
  void check_frame(std::span<const std::uint8_t> blob) const;

  // Reverses seal() on the whole blob; anything that does not verify is refused as refuse(). No
  // byte of unverified plaintext is returned.
  secret open(const secret& key, std::span<const std::uint8_t> blob, std::string_view associated_data) const;

  // errc::crypto with the format's refusal as message and `detail` as technical detail.
  [[noreturn]] void refuse(std::string detail) const;

 private:
  std::uint8_t version_;
  std::size_t header_size_;
  std::string_view refusal_;
};

}  // namespace arbor::km::crypto
