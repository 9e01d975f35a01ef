#pragma once
// An HSM as a second factor: one non-extractable AES-256 key inside a PKCS#11 token wraps a
// secret (AES-GCM computed by the token), so that secret opens only with the token present and
// its PIN given. The module is loaded with dlopen and driven through the standard PKCS#11 API
// (p11-kit's header); no OpenSSL engine or provider. Tests use SoftHSM2.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/secret.hpp"

namespace arbor::km::crypto {

// Where the token is: the module's path (e.g. /usr/lib/softhsm/libsofthsm2.so), the token's label
// and the label of the wrapping key inside it.
struct pkcs11_config {
  std::filesystem::path module;
  std::string token_label;
  std::string key_label = "arbor-km-wrap";
};

class pkcs11_token {
 public:
  // Loads the module, finds the token by label, opens a session and logs in as the user with
  // `pin`. PKCS#11 logins belong to the process, not the session, so the tasks of this process
  // take a token in turn: while another one has it open this waits (up to 30 s) until it is
  // closed (its pkcs11_token destroyed), then logs in with `pin`, which is checked every time.
  // errc::not_found for a missing module or token (naming which), errc::auth_failed for a wrong
  // PIN (or a locked one), errc::crypto for other PKCS#11 failures (naming the CKR_ code).
  // errc::bad_input for a module path that is not absolute or not a PKCS#11 module, an empty PIN,
  // or a label that is empty, too long (token: 32 bytes) or holds control characters.
  // errc::conflict when another task of this process keeps the token open past the wait, when
  // other software in this process (sharing the module) is logged in to it, or when two tokens
  // carry the label.
  static pkcs11_token open(const pkcs11_config& config, const secret& pin);
  ~pkcs11_token();
  pkcs11_token(pkcs11_token&&) noexcept;
  pkcs11_token& operator=(pkcs11_token&&) noexcept;

  // Creates the AES-256 wrapping key in the token: CKA_TOKEN, CKA_PRIVATE, CKA_SENSITIVE, not
  // CKA_EXTRACTABLE, usable for encrypt and decrypt only. errc::conflict when the token already
  // holds a key with the configured label.
  void create_wrapping_key();

  // AES-256-GCM by the token's key: a fresh 12-byte IV, a 16-byte tag, `associated_data` bound.
  // Output: iv | ciphertext | tag. errc::not_found when the token has no such key.
  std::vector<std::uint8_t> wrap(const secret& plaintext, std::string_view associated_data);
  // Reverses wrap(). errc::crypto when the blob does not verify under the token's key.
  secret unwrap(std::span<const std::uint8_t> blob, std::string_view associated_data);

 private:
  struct session;
  explicit pkcs11_token(std::unique_ptr<session> s);
  std::unique_ptr<session> session_;
};

}  // namespace arbor::km::crypto
