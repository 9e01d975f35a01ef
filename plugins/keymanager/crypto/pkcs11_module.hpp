#pragma once
// A PKCS#11 module (a shared library such as libsofthsm2.so) loaded and initialized for this
// process. PKCS#11 allows one C_Initialize per process and its C_Finalize ends every session of
// it, so each module is loaded once and shared: the last holder finalizes and unloads it. Only
// the pkcs11 token code includes this header (it brings in p11-kit's pkcs11.h).
#include <p11-kit/pkcs11.h>

#include <filesystem>
#include <string>

namespace arbor::km::crypto {

class pkcs11_module {
 public:
  // Loads (or shares) the module at the absolute path `path`. errc::not_found when no file is
  // there, errc::bad_input when it is not a PKCS#11 module, errc::crypto when C_Initialize fails.
  static pkcs11_module acquire(const std::filesystem::path& path);
  ~pkcs11_module();
  pkcs11_module(pkcs11_module&& other) noexcept;
  pkcs11_module& operator=(pkcs11_module&&) = delete;
  pkcs11_module(const pkcs11_module&) = delete;
  pkcs11_module& operator=(const pkcs11_module&) = delete;

  CK_FUNCTION_LIST& api() const noexcept { return *api_; }
  // The module's file with every link resolved: two spellings of one module give the same path.
  const std::string& canonical_path() const noexcept { return key_; }

 private:
  pkcs11_module(std::string key, CK_FUNCTION_LIST* api);
  std::string key_;  // the canonical path, the registry's key; empty once moved from
  CK_FUNCTION_LIST* api_;
};

// "CKR_PIN_INCORRECT" for the return values a token may give here, "CKR_0x..." for others.
std::string pkcs11_rv_name(CK_RV rv);

}  // namespace arbor::km::crypto
