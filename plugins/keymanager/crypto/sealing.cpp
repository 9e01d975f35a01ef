#include "crypto/sealing.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <climits>
#include <cstdio>

#include "common/km_error.hpp"
#include "crypto/file_reader.hpp"
#include "crypto/ossl.hpp"

namespace arbor::km::crypto {
namespace {

constexpr std::uint8_t format_version = 1;
constexpr std::size_t nonce_size = 12;
constexpr std::size_t tag_size = 16;
constexpr std::size_t header_size = 1 + nonce_size;
// EVP lengths are int; keep well clear of the limit.
constexpr std::size_t max_plaintext = INT_MAX / 2;

[[noreturn]] void throw_does_not_verify(std::string detail) {
  throw error(errc::crypto,
              "the sealed data does not verify: it was changed, belongs elsewhere, or was sealed "
              "with a different key",
              std::move(detail));
}

std::string mode_text(mode_t mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
  return text;
}

// The version byte is authenticated as well as the caller's associated data.
void add_associated_data(EVP_CIPHER_CTX* ctx, std::string_view associated_data) {
  int ignored = 0;
  ossl::require_ok(EVP_CipherUpdate(ctx, nullptr, &ignored, &format_version, 1),
                   "could not authenticate sealed data");
  if (associated_data.empty()) return;
  ossl::require_ok(
      EVP_CipherUpdate(ctx, nullptr, &ignored,
                       reinterpret_cast<const unsigned char*>(associated_data.data()),
                       static_cast<int>(associated_data.size())),
      "could not authenticate sealed data");
}

ossl::cipher_ctx_ptr start_cipher(const secret& key, const std::uint8_t* nonce, bool encrypt) {
  ossl::cipher_ctx_ptr ctx(
      ossl::require(EVP_CIPHER_CTX_new(), "could not allocate a cipher context"));
  ossl::require_ok(EVP_CipherInit_ex2(ctx.get(), EVP_aes_256_gcm(), key.data(), nonce,
                                      encrypt ? 1 : 0, nullptr),
                   "could not start AES-256-GCM");
  return ctx;
}

}  // namespace

sealing_key::sealing_key(secret key) : key_(std::move(key)) {
  if (key_.size() != size) throw error(errc::internal, "a sealing key must have 32 bytes");
}

sealing_key sealing_key::generate() {
  secret key(size);
  ossl::require_ok(RAND_priv_bytes(key.data(), static_cast<int>(key.size())), "could not generate a sealing key");
  return sealing_key(std::move(key));
}

sealing_key sealing_key::load_file(const std::filesystem::path& path) {
  file_reader file(path);
  const mode_t mode = file.status().st_mode;
  if ((mode & 077) != 0) {
    throw error(errc::io,
                "the master key file " + path.string() + " can be accessed by other users (mode " +
                    mode_text(mode) + "); restrict it with: chmod 600 " + path.string());
  }
  if (file.status().st_size != static_cast<off_t>(size)) {
    throw error(errc::corrupt,
                "the master key file " + path.string() + " is damaged: it has " +
                    std::to_string(file.status().st_size) + " bytes instead of " +
                    std::to_string(size) + ". Restore it from your backup of the data directory");
  }
  secret key(size);
  file.read_exactly(key.data(), key.size());
  return sealing_key(std::move(key));
}

std::vector<std::uint8_t> sealing_key::seal(const secret& plaintext,
                                           std::string_view associated_data) const {
  if (plaintext.size() > max_plaintext || associated_data.size() > max_plaintext) {
    throw error(errc::bad_input, "the data to seal is too large");
  }
  std::vector<std::uint8_t> blob(header_size + plaintext.size() + tag_size);
  blob[0] = format_version;
  std::uint8_t* nonce = blob.data() + 1;
  ossl::require_ok(RAND_bytes(nonce, static_cast<int>(nonce_size)), "could not draw a nonce");

  const ossl::cipher_ctx_ptr ctx = start_cipher(key_, nonce, true);
  add_associated_data(ctx.get(), associated_data);
  std::uint8_t* out = blob.data() + header_size;
  int written = 0;
  if (!plaintext.empty()) {
    ossl::require_ok(EVP_EncryptUpdate(ctx.get(), out, &written, plaintext.data(),
                                       static_cast<int>(plaintext.size())),
                     "could not seal data");
  }
  int final_written = 0;
  ossl::require_ok(EVP_EncryptFinal_ex(ctx.get(), out + written, &final_written),
                   "could not seal data");
  ossl::require_ok(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_GET_TAG, static_cast<int>(tag_size),
                                       blob.data() + header_size + plaintext.size()),
                   "could not seal data");
  return blob;
}

secret sealing_key::unseal(std::span<const std::uint8_t> blob,
                          std::string_view associated_data) const {
  if (blob.size() < header_size + tag_size) {
    throw_does_not_verify("sealed blob of " + std::to_string(blob.size()) +
                          " bytes is shorter than its header and tag");
  }
  if (blob[0] != format_version) {
    throw_does_not_verify("unknown sealed format version " + std::to_string(blob[0]));
  }
  const std::size_t body_size = blob.size() - header_size - tag_size;
  if (body_size > max_plaintext || associated_data.size() > max_plaintext) {
    throw_does_not_verify("sealed blob too large");
  }

  const ossl::cipher_ctx_ptr ctx = start_cipher(key_, blob.data() + 1, false);
  add_associated_data(ctx.get(), associated_data);
  secret plaintext(body_size);
  int written = 0;
  if (body_size > 0) {
    ossl::require_ok(EVP_DecryptUpdate(ctx.get(), plaintext.data(), &written,
                                       blob.data() + header_size, static_cast<int>(body_size)),
                     "could not unseal data");
  }
  // OpenSSL's API takes a non-const tag buffer but only reads it when decrypting.
  std::uint8_t tag[tag_size];
  std::copy_n(blob.data() + header_size + body_size, tag_size, tag);
  ossl::require_ok(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_TAG, static_cast<int>(tag_size),
                                       tag),
                   "could not unseal data");
  int final_written = 0;
  if (EVP_DecryptFinal_ex(ctx.get(), plaintext.data() + written, &final_written) != 1) {
    throw_does_not_verify("AES-256-GCM tag mismatch; " + ossl::openssl_errors());
  }
  return plaintext;
}

}  // namespace arbor::km::crypto
