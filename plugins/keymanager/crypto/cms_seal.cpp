#include "crypto/cms_seal.hpp"

#include <openssl/evp.h>
#include <openssl/buffer.h>
#include <openssl/rsa.h>

#include "crypto/ossl.hpp"
#include "crypto/cms_content.hpp"

namespace arbor::km::crypto {
namespace {

namespace ossl = crypto::ossl;

// A read-only BIO over bytes we own: OpenSSL reads them in place, no copy is made.
ossl::bio_ptr read_only_bio(const void* data, std::size_t size) {
  return ossl::bio_ptr(ossl::require(BIO_new_mem_buf(data, static_cast<int>(size)),
                                     "could not prepare a transfer payload"));
}

// A memory BIO with room for `capacity` bytes from the start, for CMS_final() to write an
// embedded content into. Left to itself, CMS_final() writes into a memory BIO that grows a few KiB
// at a time, each time allocating anew, copying and wiping (BUF_MEM_grow_clean), with page faults
// on every new allocation: a third of the sealing thread's time in an export (bench/export).
// CMS_dataFinal() takes the buffer for the content and marks the BIO read-only, so freeing the
// BIO leaves it; on a failure before that, BUF_MEM_free() wipes it.
ossl::bio_ptr presized_memory_bio(std::size_t capacity) {
  ossl::bio_ptr bio(ossl::require(BIO_new(BIO_s_mem()), "could not prepare a transfer payload"));
  BUF_MEM* buffer = ossl::require(BUF_MEM_new(), "could not prepare a transfer payload");
  if (BUF_MEM_grow(buffer, capacity) == 0) {
    BUF_MEM_free(buffer);
    ossl::throw_crypto("could not reserve memory for a transfer payload");
  }
  buffer->length = 0;
  BIO_set_mem_buf(bio.get(), buffer, BIO_CLOSE);
  return bio;
}

secret sign(std::string_view payload, const crypto::certificate& signer,
            const crypto::private_key& key) {
  constexpr unsigned flags = CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP;
  ossl::cms_ptr cms(ossl::require(CMS_sign(nullptr, nullptr, nullptr, nullptr, flags),
                                  "could not start signing a transfer payload"));
  ossl::require(CMS_add1_signer(cms.get(), signer.native(), key.native(), EVP_sha256(), flags),
                "could not sign a transfer payload with the server identity");
  const ossl::bio_ptr in = read_only_bio(payload.data(), payload.size());
  const embedded_content_wiper wiper(*cms);
  const ossl::bio_ptr content = presized_memory_bio(payload.size());
  ossl::require_ok(CMS_final(cms.get(), in.get(), content.get(), CMS_BINARY),
                   "could not sign a transfer payload with the server identity");
  return encode_to_secret(*cms);
}

void choose_key_parameters(CMS_RecipientInfo* ri) {
  EVP_PKEY_CTX* ctx = CMS_RecipientInfo_get0_pkey_ctx(ri);
  if (ctx == nullptr) ossl::throw_crypto("could not set up encryption to the destination");
  if (CMS_RecipientInfo_type(ri) == CMS_RECIPINFO_TRANS) {
    ossl::require_ok(EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING) > 0,
                     "could not select RSA-OAEP");
    ossl::require_ok(EVP_PKEY_CTX_set_rsa_oaep_md(ctx, EVP_sha256()) > 0,
                     "could not select SHA-256 for RSA-OAEP");
    ossl::require_ok(EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, EVP_sha256()) > 0,
                     "could not select MGF1-SHA-256 for RSA-OAEP");
    return;
  }
  // Key agreement: OpenSSL would default the KDF hash to SHA-1.
  ossl::require_ok(EVP_PKEY_CTX_set_ecdh_kdf_md(ctx, EVP_sha256()) > 0,
                   "could not select the SHA-256 KDF for ECDH");
}

std::vector<std::uint8_t> encrypt(const secret& signed_der, const crypto::certificate& recipient) {
  constexpr unsigned flags = CMS_BINARY | CMS_PARTIAL;
  ossl::cms_ptr cms(ossl::require(CMS_encrypt(nullptr, nullptr, EVP_aes_256_gcm(), flags),
                                  "could not start encrypting a transfer payload"));
  CMS_RecipientInfo* ri = ossl::require(
      CMS_add1_recipient_cert(cms.get(), recipient.native(), flags | CMS_KEY_PARAM),
      "could not encrypt to the destination certificate " + recipient.subject());
  choose_key_parameters(ri);
  const ossl::bio_ptr in = read_only_bio(signed_der.data(), signed_der.size());
  const ossl::bio_ptr content = presized_memory_bio(signed_der.size());  // GCM: as long as the plaintext
  ossl::require_ok(CMS_final(cms.get(), in.get(), content.get(), CMS_BINARY),
                   "could not encrypt a transfer payload");
  const int size = i2d_CMS_ContentInfo(cms.get(), nullptr);
  if (size <= 0) ossl::throw_crypto("could not encode an encrypted transfer object");
  std::vector<std::uint8_t> out(static_cast<std::size_t>(size));
  unsigned char* p = out.data();
  if (i2d_CMS_ContentInfo(cms.get(), &p) != size) {
    ossl::throw_crypto("could not encode an encrypted transfer object");
  }
  return out;
}

}  // namespace

std::vector<std::uint8_t> seal_payload(std::string_view payload,
                                       const crypto::certificate& signer,
                                       const crypto::private_key& signer_key,
                                       const crypto::certificate& recipient) {
  return encrypt(sign(payload, signer, signer_key), recipient);
}

}  // namespace arbor::km::crypto
