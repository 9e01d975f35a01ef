#include "transfer/cms_content.hpp"

#include <openssl/buffer.h>
#include <openssl/crypto.h>

#include "crypto/ossl.hpp"

namespace arbor::km::transfer {

secret take_from_memory_bio(BIO& bio) {
  BUF_MEM* buffer = nullptr;
  BIO_get_mem_ptr(&bio, &buffer);
  if (buffer == nullptr) crypto::ossl::throw_crypto("could not read a decrypted transfer object");
  secret out(reinterpret_cast<const std::uint8_t*>(buffer->data), buffer->length);
  OPENSSL_cleanse(buffer->data, buffer->max);
  return out;
}

void wipe_embedded_content(CMS_ContentInfo& cms) noexcept {
  ASN1_OCTET_STRING** content = CMS_get0_content(&cms);
  if (content != nullptr && *content != nullptr) {
    // The content is ours to wipe: OpenSSL only offers a const view of it.
    OPENSSL_cleanse(const_cast<unsigned char*>(ASN1_STRING_get0_data(*content)),
                    static_cast<std::size_t>(ASN1_STRING_length(*content)));
  }
}

secret encode_to_secret(CMS_ContentInfo& cms) {
  const int size = i2d_CMS_ContentInfo(&cms, nullptr);
  if (size <= 0) crypto::ossl::throw_crypto("could not encode a signed transfer object");
  secret out(static_cast<std::size_t>(size));
  unsigned char* p = out.data();
  if (i2d_CMS_ContentInfo(&cms, &p) != size) {
    crypto::ossl::throw_crypto("could not encode a signed transfer object");
  }
  return out;
}

}  // namespace arbor::km::transfer
