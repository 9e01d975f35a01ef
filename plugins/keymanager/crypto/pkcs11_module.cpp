#include "crypto/pkcs11_module.hpp"

#include <dlfcn.h>

#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <system_error>
#include <utility>

#include "common/km_error.hpp"

namespace arbor::km::crypto {
namespace {

struct library_closer {
  void operator()(void* handle) const noexcept { ::dlclose(handle); }
};
using library_handle = std::unique_ptr<void, library_closer>;

// One module as this process holds it. `finalize` is false when someone else in the process had
// already initialized it: then it is theirs to finalize.
struct loaded_module {
  library_handle library;
  CK_FUNCTION_LIST* api = nullptr;
  bool finalize = false;
  std::size_t holders = 0;
};

// Keyed by canonical path, so two spellings of one file share one initialization. Loading,
// counting and finalizing all happen under the lock, so a module is never initialized while its
// last holder is still finalizing it.
std::mutex registry_mutex;
std::map<std::string, loaded_module> registry;

std::string dl_error() {
  const char* text = ::dlerror();
  return text != nullptr ? text : "unknown dlopen error";
}

// `file` is the canonical path; `path` the one configured, for messages.
library_handle open_library(const std::string& file, const std::string& path) {
  library_handle library(::dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL));
  if (!library) {
    throw error(errc::bad_input,
                "the PKCS#11 module " + path + " could not be loaded: it is not a shared library "
                "for this system. Check the module path",
                dl_error());
  }
  return library;
}

CK_FUNCTION_LIST* function_list(void* library, const std::string& path) {
  CK_C_GetFunctionList get_function_list = nullptr;
  // POSIX guarantees that dlsym's object pointer converts to a function pointer.
  void* symbol = ::dlsym(library, "C_GetFunctionList");
  static_assert(sizeof symbol == sizeof get_function_list);
  std::memcpy(&get_function_list, &symbol, sizeof symbol);
  CK_FUNCTION_LIST* api = nullptr;
  if (get_function_list == nullptr || get_function_list(&api) != CKR_OK || api == nullptr) {
    throw error(errc::bad_input,
                "the library " + path + " is not a PKCS#11 module (it has no usable "
                "C_GetFunctionList). Check the module path");
  }
  return api;
}

loaded_module load(const std::string& file, const std::string& path) {
  loaded_module module;
  module.library = open_library(file, path);
  module.api = function_list(module.library.get(), path);
  // The module makes its own locks: the Key Manager may call it from several threads.
  CK_C_INITIALIZE_ARGS args{};
  args.flags = CKF_OS_LOCKING_OK;
  const CK_RV rv = module.api->C_Initialize(&args);
  if (rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
    throw error(errc::crypto,
                "the PKCS#11 module " + path + " could not be initialized (C_Initialize: " +
                    pkcs11_rv_name(rv) + "). Check its configuration",
                "C_Initialize returned " + pkcs11_rv_name(rv));
  }
  module.finalize = rv == CKR_OK;
  return module;
}

std::string module_key(const std::filesystem::path& path) {
  if (!path.is_absolute()) {
    throw error(errc::bad_input, "the PKCS#11 module path " + path.string() +
                                     " is not absolute; give the module's full path");
  }
  std::error_code ec;
  std::filesystem::path canonical = std::filesystem::canonical(path, ec);
  if (ec) {
    throw error(errc::not_found,
                "the PKCS#11 module " + path.string() + " does not exist. Install it (for SoftHSM2: "
                "apt-get install softhsm2) or correct the module path",
                ec.message());
  }
  return canonical.string();
}

}  // namespace

pkcs11_module pkcs11_module::acquire(const std::filesystem::path& path) {
  std::string key = module_key(path);
  const std::lock_guard lock(registry_mutex);
  auto found = registry.find(key);
  if (found == registry.end()) found = registry.emplace(key, load(key, path.string())).first;
  ++found->second.holders;
  return pkcs11_module(std::move(key), found->second.api);
}

pkcs11_module::pkcs11_module(std::string key, CK_FUNCTION_LIST* api)
    : key_(std::move(key)), api_(api) {}

pkcs11_module::pkcs11_module(pkcs11_module&& other) noexcept
    : key_(std::exchange(other.key_, {})), api_(other.api_) {}

pkcs11_module::~pkcs11_module() {
  if (key_.empty()) return;
  const std::lock_guard lock(registry_mutex);
  const auto found = registry.find(key_);
  if (found == registry.end() || --found->second.holders > 0) return;
  if (found->second.finalize) found->second.api->C_Finalize(nullptr);
  registry.erase(found);  // unloads the library
}

#define ARBOR_CKR_NAME(code) \
  case code:                 \
    return #code;

std::string pkcs11_rv_name(CK_RV rv) {
  switch (rv) {
    ARBOR_CKR_NAME(CKR_OK)
    ARBOR_CKR_NAME(CKR_CANCEL)
    ARBOR_CKR_NAME(CKR_HOST_MEMORY)
    ARBOR_CKR_NAME(CKR_SLOT_ID_INVALID)
    ARBOR_CKR_NAME(CKR_GENERAL_ERROR)
    ARBOR_CKR_NAME(CKR_FUNCTION_FAILED)
    ARBOR_CKR_NAME(CKR_ARGUMENTS_BAD)
    ARBOR_CKR_NAME(CKR_CANT_LOCK)
    ARBOR_CKR_NAME(CKR_ATTRIBUTE_READ_ONLY)
    ARBOR_CKR_NAME(CKR_ATTRIBUTE_SENSITIVE)
    ARBOR_CKR_NAME(CKR_ATTRIBUTE_TYPE_INVALID)
    ARBOR_CKR_NAME(CKR_ATTRIBUTE_VALUE_INVALID)
    ARBOR_CKR_NAME(CKR_DATA_INVALID)
    ARBOR_CKR_NAME(CKR_DATA_LEN_RANGE)
    ARBOR_CKR_NAME(CKR_DEVICE_ERROR)
    ARBOR_CKR_NAME(CKR_DEVICE_MEMORY)
    ARBOR_CKR_NAME(CKR_DEVICE_REMOVED)
    ARBOR_CKR_NAME(CKR_ENCRYPTED_DATA_INVALID)
    ARBOR_CKR_NAME(CKR_ENCRYPTED_DATA_LEN_RANGE)
    ARBOR_CKR_NAME(CKR_FUNCTION_NOT_SUPPORTED)
    ARBOR_CKR_NAME(CKR_KEY_HANDLE_INVALID)
    ARBOR_CKR_NAME(CKR_KEY_SIZE_RANGE)
    ARBOR_CKR_NAME(CKR_KEY_TYPE_INCONSISTENT)
    ARBOR_CKR_NAME(CKR_KEY_FUNCTION_NOT_PERMITTED)
    ARBOR_CKR_NAME(CKR_MECHANISM_INVALID)
    ARBOR_CKR_NAME(CKR_MECHANISM_PARAM_INVALID)
    ARBOR_CKR_NAME(CKR_OBJECT_HANDLE_INVALID)
    ARBOR_CKR_NAME(CKR_OPERATION_ACTIVE)
    ARBOR_CKR_NAME(CKR_OPERATION_NOT_INITIALIZED)
    ARBOR_CKR_NAME(CKR_PIN_INCORRECT)
    ARBOR_CKR_NAME(CKR_PIN_INVALID)
    ARBOR_CKR_NAME(CKR_PIN_LEN_RANGE)
    ARBOR_CKR_NAME(CKR_PIN_EXPIRED)
    ARBOR_CKR_NAME(CKR_PIN_LOCKED)
    ARBOR_CKR_NAME(CKR_SESSION_CLOSED)
    ARBOR_CKR_NAME(CKR_SESSION_COUNT)
    ARBOR_CKR_NAME(CKR_SESSION_HANDLE_INVALID)
    ARBOR_CKR_NAME(CKR_SESSION_PARALLEL_NOT_SUPPORTED)
    ARBOR_CKR_NAME(CKR_SESSION_READ_ONLY)
    ARBOR_CKR_NAME(CKR_SESSION_READ_ONLY_EXISTS)
    ARBOR_CKR_NAME(CKR_SESSION_READ_WRITE_SO_EXISTS)
    ARBOR_CKR_NAME(CKR_TEMPLATE_INCOMPLETE)
    ARBOR_CKR_NAME(CKR_TEMPLATE_INCONSISTENT)
    ARBOR_CKR_NAME(CKR_TOKEN_NOT_PRESENT)
    ARBOR_CKR_NAME(CKR_TOKEN_NOT_RECOGNIZED)
    ARBOR_CKR_NAME(CKR_TOKEN_WRITE_PROTECTED)
    ARBOR_CKR_NAME(CKR_USER_ALREADY_LOGGED_IN)
    ARBOR_CKR_NAME(CKR_USER_NOT_LOGGED_IN)
    ARBOR_CKR_NAME(CKR_USER_PIN_NOT_INITIALIZED)
    ARBOR_CKR_NAME(CKR_USER_TYPE_INVALID)
    ARBOR_CKR_NAME(CKR_USER_ANOTHER_ALREADY_LOGGED_IN)
    ARBOR_CKR_NAME(CKR_BUFFER_TOO_SMALL)
    ARBOR_CKR_NAME(CKR_CRYPTOKI_NOT_INITIALIZED)
    ARBOR_CKR_NAME(CKR_CRYPTOKI_ALREADY_INITIALIZED)
    default: {
      char text[32];
      std::snprintf(text, sizeof text, "CKR_0x%08lX", static_cast<unsigned long>(rv));
      return text;
    }
  }
}

#undef ARBOR_CKR_NAME

}  // namespace arbor::km::crypto
