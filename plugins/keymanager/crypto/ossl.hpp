#pragma once
// Ownership of OpenSSL objects: one std::unique_ptr alias per type, each freeing with the
// matching OpenSSL function, so every object is owned from the line that creates it. Also the
// bridge from OpenSSL's thread-local error queue to arbor::km::error.
#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/cms.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <string>
#include <string_view>

namespace arbor::km::crypto::ossl {

// A deleter calling `Free`; the function is part of the type, so the pointer stays one word.
template <auto Free>
struct deleter {
  template <typename T>
  void operator()(T* p) const noexcept {
    Free(p);
  }
};

template <typename T, auto Free>
using owned = std::unique_ptr<T, deleter<Free>>;

using pkey_ptr = owned<EVP_PKEY, EVP_PKEY_free>;
using pkey_ctx_ptr = owned<EVP_PKEY_CTX, EVP_PKEY_CTX_free>;
using x509_ptr = owned<X509, X509_free>;
using x509_req_ptr = owned<X509_REQ, X509_REQ_free>;
using x509_name_ptr = owned<X509_NAME, X509_NAME_free>;
using x509_extension_ptr = owned<X509_EXTENSION, X509_EXTENSION_free>;
using bio_ptr = owned<BIO, BIO_free_all>;
using cipher_ctx_ptr = owned<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>;
using md_ctx_ptr = owned<EVP_MD_CTX, EVP_MD_CTX_free>;
using kdf_ptr = owned<EVP_KDF, EVP_KDF_free>;
using kdf_ctx_ptr = owned<EVP_KDF_CTX, EVP_KDF_CTX_free>;
using bignum_ptr = owned<BIGNUM, BN_free>;
// For numbers that are secret (private key parts): cleared before they are freed.
using secret_bignum_ptr = owned<BIGNUM, BN_clear_free>;
using bn_ctx_ptr = owned<BN_CTX, BN_CTX_free>;  // frees its numbers with BN_clear_free
using asn1_integer_ptr = owned<ASN1_INTEGER, ASN1_INTEGER_free>;
using asn1_time_ptr = owned<ASN1_TIME, ASN1_TIME_free>;
using asn1_ia5string_ptr = owned<ASN1_IA5STRING, ASN1_IA5STRING_free>;
using general_name_ptr = owned<GENERAL_NAME, GENERAL_NAME_free>;
using general_names_ptr = owned<GENERAL_NAMES, GENERAL_NAMES_free>;
using cms_ptr = owned<CMS_ContentInfo, CMS_ContentInfo_free>;
using pkcs12_ptr = owned<PKCS12, PKCS12_free>;
// Frees the key material with the structure (OpenSSL clears the inner octet string).
using pkcs8_ptr = owned<PKCS8_PRIV_KEY_INFO, PKCS8_PRIV_KEY_INFO_free>;

namespace detail {
// Stacks and OPENSSL_free are macros or need an element destructor, so they get named functions.
inline void free_x509_stack(STACK_OF(X509) * s) noexcept { sk_X509_pop_free(s, X509_free); }
inline void free_extension_stack(STACK_OF(X509_EXTENSION) * s) noexcept {
  sk_X509_EXTENSION_pop_free(s, X509_EXTENSION_free);
}
inline void free_safebag_stack(STACK_OF(PKCS12_SAFEBAG) * s) noexcept {
  sk_PKCS12_SAFEBAG_pop_free(s, PKCS12_SAFEBAG_free);
}
inline void free_pkcs7_stack(STACK_OF(PKCS7) * s) noexcept { sk_PKCS7_pop_free(s, PKCS7_free); }
inline void free_string(char* s) noexcept { OPENSSL_free(s); }
}  // namespace detail

using x509_stack_ptr = owned<STACK_OF(X509), detail::free_x509_stack>;
using extension_stack_ptr = owned<STACK_OF(X509_EXTENSION), detail::free_extension_stack>;
using safebag_stack_ptr = owned<STACK_OF(PKCS12_SAFEBAG), detail::free_safebag_stack>;
using pkcs7_stack_ptr = owned<STACK_OF(PKCS7), detail::free_pkcs7_stack>;
// A C string OpenSSL allocated for us (BN_bn2dec, BN_bn2hex).
using string_ptr = owned<char, detail::free_string>;

// Drains this thread's OpenSSL error queue into one line ("lib:func:reason; ..."), or "" when
// it is empty. Call it right after a failure so unrelated older errors do not leak in.
std::string openssl_errors();

// Throws arbor::km::error(errc::crypto, what) with the drained OpenSSL error queue as detail.
[[noreturn]] void throw_crypto(std::string_view what);

// Returns `p` when it is not null, otherwise throws as throw_crypto(what). Keeps "create, check,
// own" on one line: `x509_ptr x(ossl::require(X509_new(), "..."))`.
template <typename T>
T* require(T* p, std::string_view what) {
  if (p == nullptr) throw_crypto(what);
  return p;
}

// Throws as throw_crypto(what) unless an OpenSSL call returned 1 (its usual success value).
inline void require_ok(int rc, std::string_view what) {
  if (rc != 1) throw_crypto(what);
}

// An empty in-memory BIO to write PEM or text into.
bio_ptr new_memory_bio();
// Everything written so far to a memory BIO.
std::string memory_bio_text(BIO* bio);

}  // namespace arbor::km::crypto::ossl
