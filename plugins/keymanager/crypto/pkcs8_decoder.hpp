#pragma once
// Parsing many PKCS#8 private keys in a row, as an import does for every key it does not check
// from its DER (transfer/public_key_match.hpp reads RSA keys itself).
// OpenSSL 3.0 builds a decoder context (a search through every provider's decoders) for each
// key crypto::private_key::from_pkcs8_der parses, which costs about ten times the decoding
// itself; this keeps one context and reuses it for every key.
#include <openssl/decoder.h>
#include <openssl/evp.h>

#include "common/secret.hpp"
#include "crypto/ossl.hpp"
#include "crypto/private_key.hpp"

namespace arbor::km::crypto {

class pkcs8_decoder {
 public:
  pkcs8_decoder();
  // The context points at out_, so the object stays where it was made.
  pkcs8_decoder(const pkcs8_decoder&) = delete;
  pkcs8_decoder& operator=(const pkcs8_decoder&) = delete;

  // The key in `der` (unencrypted PKCS#8 PrivateKeyInfo, nothing after it). errc::bad_input
  // when it does not decode, as private_key::from_pkcs8_der.
  crypto::private_key decode(const secret& der);

 private:
  EVP_PKEY* out_ = nullptr;  // where the context delivers each decoded key
  crypto::ossl::owned<OSSL_DECODER_CTX, OSSL_DECODER_CTX_free> ctx_;
};

}  // namespace arbor::km::crypto
