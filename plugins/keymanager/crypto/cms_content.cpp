#include "crypto/cms_content.hpp"

#include <openssl/crypto.h>

#include <algorithm>

#include "crypto/ossl.hpp"

namespace arbor::km::crypto {

BIO_METHOD* secret_sink::method() {
  // One method table for the process, made on first use (thread-safe).
  using method_ptr = crypto::ossl::owned<BIO_METHOD, BIO_meth_free>;
  static const method_ptr method = [] {
    method_ptr m(BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "arbor secret sink"));
    if (!m || BIO_meth_set_write(m.get(), &secret_sink::write) != 1 ||
        BIO_meth_set_ctrl(m.get(), &secret_sink::control) != 1) {
      crypto::ossl::throw_crypto("could not prepare a buffer for decrypted transfer data");
    }
    return m;
  }();
  return method.get();
}

secret_sink::secret_sink(std::size_t expected)
    : bytes_(expected), bio_(crypto::ossl::require(BIO_new(method()), "could not prepare a buffer for decrypted transfer data")) {
  BIO_set_data(bio_.get(), this);
  BIO_set_init(bio_.get(), 1);
}

int secret_sink::write(BIO* bio, const char* data, int size) {
  auto* sink = static_cast<secret_sink*>(BIO_get_data(bio));
  if (sink == nullptr || size < 0) return -1;
  const auto count = static_cast<std::size_t>(size);
  if (sink->used_ + count > sink->bytes_.size()) sink->bytes_.resize(2 * (sink->used_ + count));
  std::copy_n(reinterpret_cast<const std::uint8_t*>(data), count, sink->bytes_.data() + sink->used_);
  sink->used_ += count;
  return size;
}

long secret_sink::control(BIO*, int command, long, void*) {
  // CMS flushes its output when it is done; nothing else is asked of a sink.
  return command == BIO_CTRL_FLUSH ? 1 : 0;
}

secret secret_sink::take() noexcept {
  bytes_.truncate(used_);
  used_ = 0;
  return std::move(bytes_);
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

}  // namespace arbor::km::crypto
