#pragma once
// Helpers for the places where OpenSSL's CMS code holds clear payload bytes: getting them out of
// OpenSSL into a km::secret, and wiping what OpenSSL keeps.
#include <openssl/bio.h>
#include <openssl/cms.h>

#include <cstddef>

#include "common/secret.hpp"
#include "crypto/ossl.hpp"

namespace arbor::km::crypto {

// A BIO for CMS to write clear output into, straight into a km::secret with room for `expected`
// bytes from the start. A memory BIO grows as CMS writes its small pieces, and each time it
// reallocates, copies and wipes its whole buffer: that was most of an import's reading time.
// More than `expected` still fits (it grows, wiping what it leaves). Not movable: the BIO points
// at it.
class secret_sink {
 public:
  explicit secret_sink(std::size_t expected);
  secret_sink(const secret_sink&) = delete;
  secret_sink& operator=(const secret_sink&) = delete;

  BIO* bio() const noexcept { return bio_.get(); }
  // What was written; the sink is empty afterwards.
  secret take() noexcept;

 private:
  static BIO_METHOD* method();
  static int write(BIO* bio, const char* data, int size);
  static long control(BIO* bio, int command, long number, void* pointer);

  secret bytes_;
  std::size_t used_ = 0;
  crypto::ossl::bio_ptr bio_;
};

// Wipes the content embedded in a SignedData (OpenSSL frees it without cleansing).
void wipe_embedded_content(CMS_ContentInfo& cms) noexcept;

// Calls wipe_embedded_content when it goes out of scope, on every path out, throws included.
class embedded_content_wiper {
 public:
  explicit embedded_content_wiper(CMS_ContentInfo& cms) noexcept : cms_(cms) {}
  ~embedded_content_wiper() { wipe_embedded_content(cms_); }
  embedded_content_wiper(const embedded_content_wiper&) = delete;
  embedded_content_wiper& operator=(const embedded_content_wiper&) = delete;

 private:
  CMS_ContentInfo& cms_;
};

// DER of `cms` straight into a secret.
secret encode_to_secret(CMS_ContentInfo& cms);

}  // namespace arbor::km::crypto
