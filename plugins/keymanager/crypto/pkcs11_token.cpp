#include "crypto/pkcs11_token.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <iterator>
#include <optional>
#include <utility>

#include "common/km_error.hpp"
#include "crypto/ossl.hpp"
#include "crypto/pkcs11_module.hpp"
#include "crypto/token_claim.hpp"

namespace arbor::km::crypto {
namespace {

constexpr std::size_t iv_size = 12;
constexpr std::size_t tag_size = 16;
constexpr CK_ULONG wrapping_key_size = 32;  // AES-256
constexpr std::size_t token_label_size = 32;  // CK_TOKEN_INFO::label, padded with blanks
constexpr std::size_t max_key_label_size = 128;
// What is wrapped here are keys; anything much larger is a mistake, not a secret.
constexpr std::size_t max_plaintext_size = 64 * 1024;
// How long open() waits for another task of this process to close the token. A task holds it for
// a few token operations (key opening unwraps one pepper), so a wait this long means the other
// task is stuck, not slow.
constexpr std::chrono::seconds token_wait_timeout{30};

// PKCS#11 takes non-const pointers even for buffers it only reads.
CK_BYTE_PTR readonly(const void* bytes) {
  return static_cast<CK_BYTE_PTR>(const_cast<void*>(bytes));
}

void check_label(std::string_view label, const std::string& what, std::size_t max_size) {
  const bool control = std::any_of(label.begin(), label.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
  if (label.empty() || label.size() > max_size || control) {
    throw error(errc::bad_input, "the PKCS#11 " + what + " must be 1 to " +
                                     std::to_string(max_size) +
                                     " bytes long, without control characters");
  }
}

// PKCS#11 2.40's CK_GCM_PARAMS, as both p11-kit's header and SoftHSM 2.6 declare it: SoftHSM
// checks the structure's size and reads ulIvLen; other tokens read ulIvBits, so both are set.
CK_GCM_PARAMS gcm_params(const std::uint8_t* iv, std::string_view associated_data) {
  CK_GCM_PARAMS params{};
  params.pIv = readonly(iv);
  params.ulIvLen = iv_size;
  params.ulIvBits = iv_size * 8;
  params.pAAD = readonly(associated_data.data());
  params.ulAADLen = associated_data.size();
  params.ulTagBits = tag_size * 8;
  return params;
}

[[noreturn]] void throw_does_not_verify(const std::string& where, std::string detail) {
  throw error(errc::crypto,
              "the data wrapped by " + where + " does not verify: it was changed, belongs "
              "elsewhere, or was wrapped by another token or key",
              std::move(detail));
}

}  // namespace

// One logged-in session. Members end in reverse order: logout and close first, then the claim on
// the token is released (the next task of this process may log in), then the module is released
// (and finalized when this was its last holder).
struct pkcs11_token::session {
  session(pkcs11_module loaded, const pkcs11_config& config)
      : module(std::move(loaded)),
        module_path(config.module.string()),
        token_label(config.token_label),
        key_label(config.key_label),
        // The label cannot hold a newline (check_label), so module and label cannot run together.
        claim(module.canonical_path() + "\n" + token_label, where(), token_wait_timeout) {}
  ~session() {
    if (logged_in) api().C_Logout(handle);
    if (handle != CK_INVALID_HANDLE) api().C_CloseSession(handle);
  }
  session(const session&) = delete;
  session& operator=(const session&) = delete;

  pkcs11_module module;
  std::string module_path;  // as configured, for messages
  std::string token_label;
  std::string key_label;
  token_claim claim;
  CK_SESSION_HANDLE handle = CK_INVALID_HANDLE;
  bool logged_in = false;

  CK_FUNCTION_LIST& api() const noexcept { return module.api(); }

  std::string where() const {
    return "the PKCS#11 token \"" + token_label + "\" (module " + module_path + ")";
  }

  void check(CK_RV rv, const std::string& call) const {
    if (rv == CKR_OK) return;
    const std::string name = pkcs11_rv_name(rv);
    throw error(errc::crypto, where() + " failed in " + call + ": " + name,
                call + " returned " + name);
  }

  std::vector<CK_SLOT_ID> slots_with_tokens() const {
    std::vector<CK_SLOT_ID> slots;
    CK_ULONG count = 0;
    CK_RV rv = CKR_OK;
    do {  // a token may appear between the two calls
      check(api().C_GetSlotList(CK_TRUE, nullptr, &count), "C_GetSlotList");
      slots.resize(count);
      rv = api().C_GetSlotList(CK_TRUE, slots.data(), &count);
    } while (rv == CKR_BUFFER_TOO_SMALL);
    check(rv, "C_GetSlotList");
    slots.resize(count);
    return slots;
  }

  CK_SLOT_ID find_slot() const {
    std::string wanted = token_label;
    wanted.resize(token_label_size, ' ');
    std::optional<CK_SLOT_ID> found;
    for (const CK_SLOT_ID slot : slots_with_tokens()) {
      CK_TOKEN_INFO info{};
      check(api().C_GetTokenInfo(slot, &info), "C_GetTokenInfo");
      if ((info.flags & CKF_TOKEN_INITIALIZED) == 0 ||
          std::memcmp(info.label, wanted.data(), token_label_size) != 0) {
        continue;
      }
      if (found) {
        throw error(errc::conflict, "two tokens in the PKCS#11 module " + module_path +
                                        " are labelled \"" + token_label +
                                        "\"; give each token its own label");
      }
      found = slot;
    }
    if (!found) {
      throw error(errc::not_found,
                  "there is no PKCS#11 token labelled \"" + token_label + "\" in the module " +
                      module_path + ". Check that the token is present and its label is right "
                      "(for SoftHSM2: softhsm2-util --show-slots)");
    }
    return *found;
  }

  void open(CK_SLOT_ID slot) {
    check(api().C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &handle),
          "C_OpenSession");
  }

  void login(const secret& pin) {
    if (pin.empty()) throw error(errc::bad_input, "the PIN for " + where() + " is empty");
    const CK_RV rv = api().C_Login(handle, CKU_USER, readonly(pin.data()), pin.size());
    switch (rv) {
      case CKR_OK:
        logged_in = true;
        return;
      case CKR_PIN_INCORRECT:
      case CKR_PIN_INVALID:
      case CKR_PIN_LEN_RANGE:
        throw error(errc::auth_failed, "the PIN for " + where() + " is wrong",
                    "C_Login returned " + pkcs11_rv_name(rv));
      case CKR_PIN_LOCKED:
        throw error(errc::auth_failed,
                    "the PIN for " + where() + " is locked after too many wrong attempts; the "
                    "token's security officer must unlock it",
                    "C_Login returned " + pkcs11_rv_name(rv));
      // The claim keeps this process's tasks from logging in at once, so the login found here was
      // made by other code sharing the module (another library or plugin of this process). Its
      // login is not used: the PIN would go unchecked, and its logout would end this session's.
      case CKR_USER_ALREADY_LOGGED_IN:
      case CKR_USER_ANOTHER_ALREADY_LOGGED_IN:
        throw error(errc::conflict,
                    where() + " is already logged in to by other software in this process "
                    "(another library or plugin using the same module); end that use of the token "
                    "and try again",
                    "C_Login returned " + pkcs11_rv_name(rv));
      default:
        check(rv, "C_Login");
    }
  }

  // The secret keys labelled key_label; two at most, which is enough to see a duplicate.
  std::vector<CK_OBJECT_HANDLE> find_keys() const {
    CK_OBJECT_CLASS key_class = CKO_SECRET_KEY;
    CK_ATTRIBUTE query[] = {
        {CKA_CLASS, &key_class, sizeof key_class},
        {CKA_LABEL, readonly(key_label.data()), key_label.size()},
    };
    check(api().C_FindObjectsInit(handle, query, std::size(query)), "C_FindObjectsInit");
    CK_OBJECT_HANDLE found[2] = {};
    CK_ULONG count = 0;
    const CK_RV rv = api().C_FindObjects(handle, found, std::size(found), &count);
    api().C_FindObjectsFinal(handle);  // ends the search whatever C_FindObjects said
    check(rv, "C_FindObjects");
    return {found, found + count};
  }

  CK_OBJECT_HANDLE wrapping_key() const {
    const std::vector<CK_OBJECT_HANDLE> keys = find_keys();
    if (keys.empty()) {
      throw error(errc::not_found, where() + " holds no key labelled \"" + key_label +
                                       "\"; create the wrapping key first, or check the key label");
    }
    if (keys.size() > 1) {
      throw error(errc::conflict, where() + " holds more than one key labelled \"" + key_label +
                                      "\"; remove the one that does not belong");
    }
    return keys.front();
  }
};

pkcs11_token::pkcs11_token(std::unique_ptr<session> s) : session_(std::move(s)) {}
pkcs11_token::~pkcs11_token() = default;
pkcs11_token::pkcs11_token(pkcs11_token&&) noexcept = default;
pkcs11_token& pkcs11_token::operator=(pkcs11_token&&) noexcept = default;

pkcs11_token pkcs11_token::open(const pkcs11_config& config, const secret& pin) {
  check_label(config.token_label, "token label", token_label_size);
  check_label(config.key_label, "key label", max_key_label_size);
  auto s = std::make_unique<session>(pkcs11_module::acquire(config.module), config);
  s->open(s->find_slot());
  s->login(pin);
  return pkcs11_token(std::move(s));
}

void pkcs11_token::create_wrapping_key() {
  const session& s = *session_;
  if (!s.find_keys().empty()) {
    throw error(errc::conflict,
                s.where() + " already holds a key labelled \"" + s.key_label +
                    "\"; it is kept, since replacing it would lose every secret it wraps");
  }
  CK_OBJECT_CLASS key_class = CKO_SECRET_KEY;
  CK_KEY_TYPE key_type = CKK_AES;
  CK_ULONG key_size = wrapping_key_size;
  CK_BBOOL yes = CK_TRUE;
  CK_BBOOL no = CK_FALSE;
  // Kept in the token, readable by nobody (not even with the PIN), and good for one job only;
  // SoftHSM would otherwise allow signing and wrapping by default.
  CK_ATTRIBUTE attributes[] = {
      {CKA_CLASS, &key_class, sizeof key_class},
      {CKA_KEY_TYPE, &key_type, sizeof key_type},
      {CKA_VALUE_LEN, &key_size, sizeof key_size},
      {CKA_LABEL, readonly(s.key_label.data()), s.key_label.size()},
      {CKA_TOKEN, &yes, sizeof yes},
      {CKA_PRIVATE, &yes, sizeof yes},
      {CKA_SENSITIVE, &yes, sizeof yes},
      {CKA_EXTRACTABLE, &no, sizeof no},
      {CKA_ENCRYPT, &yes, sizeof yes},
      {CKA_DECRYPT, &yes, sizeof yes},
      {CKA_WRAP, &no, sizeof no},
      {CKA_UNWRAP, &no, sizeof no},
      {CKA_SIGN, &no, sizeof no},
      {CKA_VERIFY, &no, sizeof no},
      {CKA_DERIVE, &no, sizeof no},
  };
  CK_MECHANISM mechanism{CKM_AES_KEY_GEN, nullptr, 0};
  CK_OBJECT_HANDLE key = CK_INVALID_HANDLE;
  s.check(s.api().C_GenerateKey(s.handle, &mechanism, attributes, std::size(attributes), &key),
          "C_GenerateKey");
}

std::vector<std::uint8_t> pkcs11_token::wrap(const secret& plaintext,
                                             std::string_view associated_data) {
  const session& s = *session_;
  if (plaintext.empty() || plaintext.size() > max_plaintext_size) {
    throw error(errc::bad_input, "the secret to wrap with " + s.where() + " must be 1 to " +
                                     std::to_string(max_plaintext_size) + " bytes long");
  }
  const CK_OBJECT_HANDLE key = s.wrapping_key();
  std::vector<std::uint8_t> blob(iv_size + plaintext.size() + tag_size);
  ossl::require_ok(RAND_bytes(blob.data(), static_cast<int>(iv_size)), "could not draw an IV");
  CK_GCM_PARAMS params = gcm_params(blob.data(), associated_data);
  CK_MECHANISM mechanism{CKM_AES_GCM, &params, sizeof params};
  s.check(s.api().C_EncryptInit(s.handle, &mechanism, key), "C_EncryptInit");
  // Ciphertext and tag, as PKCS#11 returns them, go right after the IV.
  CK_ULONG written = plaintext.size() + tag_size;
  s.check(s.api().C_Encrypt(s.handle, readonly(plaintext.data()), plaintext.size(),
                            blob.data() + iv_size, &written),
          "C_Encrypt");
  if (written != plaintext.size() + tag_size) {
    throw error(errc::crypto, s.where() + " returned AES-GCM output of an unexpected length",
                "C_Encrypt wrote " + std::to_string(written) + " bytes for " +
                    std::to_string(plaintext.size()) + " bytes of plaintext");
  }
  return blob;
}

secret pkcs11_token::unwrap(std::span<const std::uint8_t> blob, std::string_view associated_data) {
  const session& s = *session_;
  if (blob.size() < iv_size + tag_size || blob.size() > iv_size + max_plaintext_size + tag_size) {
    throw_does_not_verify(s.where(), "wrapped blob of " + std::to_string(blob.size()) + " bytes");
  }
  const CK_OBJECT_HANDLE key = s.wrapping_key();
  CK_GCM_PARAMS params = gcm_params(blob.data(), associated_data);
  CK_MECHANISM mechanism{CKM_AES_GCM, &params, sizeof params};
  s.check(s.api().C_DecryptInit(s.handle, &mechanism, key), "C_DecryptInit");
  const std::span<const std::uint8_t> sealed = blob.subspan(iv_size);
  // Room for the tag as well: SoftHSM wants an output buffer as long as its input.
  secret plaintext(sealed.size());
  CK_ULONG written = plaintext.size();
  const CK_RV rv = s.api().C_Decrypt(s.handle, readonly(sealed.data()), sealed.size(),
                                     plaintext.data(), &written);
  switch (rv) {
    case CKR_OK:
      break;
    // SoftHSM reports a tag mismatch as CKR_GENERAL_ERROR; the standard says
    // CKR_ENCRYPTED_DATA_INVALID.
    case CKR_ENCRYPTED_DATA_INVALID:
    case CKR_ENCRYPTED_DATA_LEN_RANGE:
    case CKR_GENERAL_ERROR:
    case CKR_FUNCTION_FAILED:
      throw_does_not_verify(s.where(), "C_Decrypt returned " + pkcs11_rv_name(rv));
    default:
      s.check(rv, "C_Decrypt");
  }
  if (written != sealed.size() - tag_size) {
    throw_does_not_verify(s.where(), "C_Decrypt returned " + std::to_string(written) +
                                         " bytes for " + std::to_string(sealed.size()) +
                                         " bytes of ciphertext and tag");
  }
  plaintext.truncate(written);
  return plaintext;
}

}  // namespace arbor::km::crypto
