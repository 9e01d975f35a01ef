#pragma once
// Helpers for the places where OpenSSL's CMS code holds clear payload bytes: getting them out of
// memory BIOs and OpenSSL structures into a km::secret, and wiping what OpenSSL keeps.
#include <openssl/bio.h>
#include <openssl/cms.h>

#include "common/secret.hpp"

namespace arbor::km::transfer {

// Copies what was written to a memory BIO into a secret, then wipes the BIO's whole buffer.
secret take_from_memory_bio(BIO& bio);

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

}  // namespace arbor::km::transfer
