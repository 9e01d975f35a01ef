#include "crypto/pkcs8_decoder.hpp"

#include "common/km_error.hpp"

namespace arbor::km::crypto {

pkcs8_decoder::pkcs8_decoder()
    : ctx_(OSSL_DECODER_CTX_new_for_pkey(&out_, "DER", "PrivateKeyInfo", nullptr, EVP_PKEY_KEYPAIR, nullptr, nullptr)) {
  if (!ctx_) throw error(errc::crypto, "OpenSSL cannot decode private keys.", "OSSL_DECODER_CTX_new_for_pkey failed");
}

crypto::private_key pkcs8_decoder::decode(const secret& der) {
  out_ = nullptr;
  const unsigned char* in = der.data();
  std::size_t left = der.size();
  const bool decoded = OSSL_DECODER_from_data(ctx_.get(), &in, &left) == 1;
  crypto::ossl::pkey_ptr key(out_);  // owned from here, whatever happens next
  out_ = nullptr;
  if (!decoded || !key || left != 0) {
    throw error(errc::bad_input, "the stored private key is not a PKCS#8 private key", "OSSL_DECODER_from_data");
  }
  return crypto::private_key(std::move(key));
}

}  // namespace arbor::km::crypto
