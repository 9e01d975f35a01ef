#include "crypto/sealed_blob.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <climits>

#include "common/km_error.hpp"
#include "crypto/ossl.hpp"

namespace arbor::km::crypto {
namespace {

// EVP lengths are int; keep well clear of the limit.
constexpr std::size_t max_size = INT_MAX / 2;

ossl::cipher_ctx_ptr start_cipher(const secret& key, const std::uint8_t* nonce, bool encrypt) {
  if (key.size() != sealed_blob_format::key_size) {
    throw error(errc::internal, "a sealing key is " + std::to_string(key.size()) + " bytes instead of 32");
  }
  ossl::cipher_ctx_ptr ctx(ossl::require(EVP_CIPHER_CTX_new(), "could not allocate a cipher context"));
  ossl::require_ok(EVP_CipherInit_ex2(ctx.get(), EVP_aes_256_gcm(), key.data(), nonce, encrypt ? 1 : 0, nullptr),
                   "could not start AES-256-GCM");
  return ctx;
}

void add_associated_data(EVP_CIPHER_CTX* ctx, std::uint8_t version, std::string_view associated_data) {
  int ignored = 0;
  ossl::require_ok(EVP_CipherUpdate(ctx, nullptr, &ignored, &version, 1), "could not authenticate sealed data");
  if (associated_data.empty()) return;
  ossl::require_ok(EVP_CipherUpdate(ctx, nullptr, &ignored, reinterpret_cast<const unsigned char*>(associated_data.data()),
                                    static_cast<int>(associated_data.size())),
                   "could not authenticate sealed data");
}

}  // namespace

void sealed_blob_format::seal(const secret& key, std::string_view associated_data, const secret& plaintext,
                              std::vector<std::uint8_t>& blob) const {
  if (plaintext.size() > max_size || associated_data.size() > max_size) {
    throw error(errc::bad_input, "the data to seal is too large");
  }
  const std::size_t nonce_offset = blob.size();
  blob.resize(nonce_offset + nonce_size + plaintext.size() + tag_size);
  std::uint8_t* nonce = blob.data() + nonce_offset;
  ossl::require_ok(RAND_bytes(nonce, static_cast<int>(nonce_size)), "could not draw a nonce");

  const ossl::cipher_ctx_ptr ctx = start_cipher(key, nonce, true);
  add_associated_data(ctx.get(), version_, associated_data);
  std::uint8_t* out = nonce + nonce_size;
  int written = 0;
  if (!plaintext.empty()) {
    ossl::require_ok(EVP_EncryptUpdate(ctx.get(), out, &written, plaintext.data(), static_cast<int>(plaintext.size())),
                     "could not seal data");
  }
  int final_written = 0;
  ossl::require_ok(EVP_EncryptFinal_ex(ctx.get(), out + written, &final_written), "could not seal data");
  ossl::require_ok(
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_GET_TAG, static_cast<int>(tag_size), out + plaintext.size()),
      "could not seal data");
}

void sealed_blob_format::check_frame(std::span<const std::uint8_t> blob) const {
  if (blob.size() < 1 + header_size_ + nonce_size + tag_size) {
    refuse("sealed blob of " + std::to_string(blob.size()) + " bytes is shorter than its header and tag");
  }
  if (blob[0] != version_) refuse("unknown sealed format version " + std::to_string(blob[0]));
}

secret sealed_blob_format::open(const secret& key, std::span<const std::uint8_t> blob,
                                std::string_view associated_data) const {
  check_frame(blob);
  const std::uint8_t* nonce = blob.data() + 1 + header_size_;
  const std::size_t body_size = blob.size() - 1 - header_size_ - nonce_size - tag_size;
  if (body_size > max_size || associated_data.size() > max_size) refuse("sealed blob too large");

  const ossl::cipher_ctx_ptr ctx = start_cipher(key, nonce, false);
  add_associated_data(ctx.get(), version_, associated_data);
  const std::uint8_t* body = nonce + nonce_size;
  secret plaintext(body_size);
  int written = 0;
  if (body_size > 0) {
    ossl::require_ok(EVP_DecryptUpdate(ctx.get(), plaintext.data(), &written, body, static_cast<int>(body_size)),
                     "could not unseal data");
  }
  // OpenSSL's API takes a non-const tag buffer but only reads it when decrypting.
  std::uint8_t tag[tag_size];
  std::copy_n(body + body_size, tag_size, tag);
  ossl::require_ok(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_TAG, static_cast<int>(tag_size), tag),
                   "could not unseal data");
  int final_written = 0;
  if (EVP_DecryptFinal_ex(ctx.get(), plaintext.data() + written, &final_written) != 1) {
    refuse("AES-256-GCM tag mismatch; " + ossl::openssl_errors());
  }
  return plaintext;
}

void sealed_blob_format::refuse(std::string detail) const {
  throw error(errc::crypto, std::string(refusal_), std::move(detail));
}

}  // namespace arbor::km::crypto
