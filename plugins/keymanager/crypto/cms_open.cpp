#include "crypto/cms_open.hpp"

#include <openssl/objects.h>

#include <string>

#include "common/km_error.hpp"
#include "crypto/ossl.hpp"
#include "crypto/cms_content.hpp"
#include "crypto/envelope_checks.hpp"

namespace arbor::km::crypto {
namespace {

namespace ossl = crypto::ossl;

// Only the stack is ours: its certificates belong to the CMS structure. sk_X509_free is a
// macro, hence the named function.
void free_stack_only(STACK_OF(X509) * s) noexcept { sk_X509_free(s); }
using signer_stack_ptr = ossl::owned<STACK_OF(X509), free_stack_only>;

ossl::cms_ptr parse_cms(std::span<const std::uint8_t> der, const std::string& where) {
  const unsigned char* p = der.data();
  ossl::cms_ptr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der.size())));
  if (!cms || p != der.data() + der.size()) {
    throw error(errc::corrupt, "the transfer file is damaged: " + where + " is not a CMS message",
                ossl::openssl_errors());
  }
  return cms;
}

secret decrypt(CMS_ContentInfo& envelope, std::size_t envelope_size, const crypto::certificate& recipient,
               const crypto::private_key& key, const std::string& where) {
  // The plaintext is shorter than the envelope that holds it (GCM adds nothing to it).
  secret_sink out(envelope_size);
  const int ok = CMS_decrypt(&envelope, key.native(), recipient.native(), nullptr, out.bio(),
                             CMS_BINARY);
  // Taken even on failure, so partial plaintext is wiped with the secret.
  secret plain = out.take();
  if (ok != 1) {
    throw error(errc::crypto,
                "the transfer file was altered or damaged: " + where +
                    " could not be decrypted (its authentication tag or key did not verify)",
                ossl::openssl_errors());
  }
  return plain;
}

void check_signer_algorithms(CMS_ContentInfo& cms, const std::string& where) {
  STACK_OF(CMS_SignerInfo)* signers = CMS_get0_SignerInfos(&cms);
  if (sk_CMS_SignerInfo_num(signers) != 1) {
    throw error(errc::crypto, "the transfer file is not valid: " + where +
                                  " must have exactly one signature, by the source server");
  }
  X509_ALGOR* digest = nullptr;
  CMS_SignerInfo_get0_algs(sk_CMS_SignerInfo_value(signers, 0), nullptr, nullptr, &digest,
                           nullptr);
  const ASN1_OBJECT* oid = nullptr;
  X509_ALGOR_get0(&oid, nullptr, nullptr, digest);
  if (OBJ_obj2nid(oid) != NID_sha256) {
    throw error(errc::crypto, "the transfer file is not valid: " + where +
                                  " is signed with a digest other than SHA-256");
  }
}

crypto::certificate signer_of(CMS_ContentInfo& cms) {
  const signer_stack_ptr signers(
      ossl::require(CMS_get0_signers(&cms), "could not read the signer of the transfer file"));
  X509* cert = sk_X509_value(signers.get(), 0);
  ossl::require_ok(X509_up_ref(cert), "could not read the signer of the transfer file");
  return crypto::certificate(ossl::x509_ptr(cert));
}

opened_payload verify(const secret& signed_der, const std::string& where) {
  ossl::cms_ptr cms = parse_cms({signed_der.data(), signed_der.size()}, where + " (signed part)");
  const embedded_content_wiper wiper(*cms);
  if (OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed ||
      OBJ_obj2nid(CMS_get0_eContentType(cms.get())) != NID_pkcs7_data) {
    throw error(errc::corrupt, "the transfer file is damaged: " + where +
                                   " does not contain signed data");
  }
  check_signer_algorithms(*cms, where);
  // The signed content is part of the signed DER, so it is no longer than that.
  secret_sink out(signed_der.size());
  // A server identity is self-signed: the signature is verified here, and whether its
  // certificate is trusted is decided by the caller, who sees it.
  const int ok = CMS_verify(cms.get(), nullptr, nullptr, nullptr, out.bio(),
                            CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY);
  secret payload = out.take();
  if (ok != 1) {
    throw error(errc::crypto,
                "the transfer file was altered: the signature of " + where + " does not verify",
                ossl::openssl_errors());
  }
  return {std::move(payload), signer_of(*cms)};
}

}  // namespace

opened_payload open_payload(std::span<const std::uint8_t> der,
                            const crypto::certificate& recipient,
                            const crypto::private_key& recipient_key, std::string_view where) {
  const std::string place(where);
  ossl::cms_ptr envelope = parse_cms(der, place);
  check_envelope_algorithms(*envelope, der);
  if (!addressed_to(*envelope, recipient)) {
    throw error(errc::bad_input,
                "this transfer file is encrypted to another Key Management server, not to this "
                "one (" + recipient.subject() + "); it cannot be opened here",
                place + " has no recipient matching our certificate");
  }
  return verify(decrypt(*envelope, der.size(), recipient, recipient_key, place), place);
}

}  // namespace arbor::km::crypto
