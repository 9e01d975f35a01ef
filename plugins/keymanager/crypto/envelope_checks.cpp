#include "crypto/envelope_checks.hpp"

#include <openssl/objects.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <string>

#include "common/km_error.hpp"
#include "crypto/ossl.hpp"
#include "crypto/der_cursor.hpp"

namespace arbor::km::crypto {
namespace {

using algor_ptr = crypto::ossl::owned<X509_ALGOR, X509_ALGOR_free>;
using oaep_params_ptr = crypto::ossl::owned<RSA_OAEP_PARAMS, RSA_OAEP_PARAMS_free>;

std::string name_of(const ASN1_OBJECT* oid) {
  char text[128];
  OBJ_obj2txt(text, sizeof text, oid, 0);
  return text;
}

[[noreturn]] void refuse(const std::string& what, const ASN1_OBJECT* oid) {
  throw error(errc::crypto,
              "the transfer file uses " + what + " " + name_of(oid) +
                  ", which this Key Manager does not accept; only files written by a Key "
                  "Manager can be imported",
              "algorithm policy: " + what + " " + name_of(oid));
}

const ASN1_OBJECT* oid_of(const X509_ALGOR* alg) {
  const ASN1_OBJECT* oid = nullptr;
  X509_ALGOR_get0(&oid, nullptr, nullptr, alg);
  return oid;
}

// The AlgorithmIdentifier carried as the parameter of `outer` (a SEQUENCE), or null.
algor_ptr inner_algorithm(const X509_ALGOR* outer) {
  int type = 0;
  const void* value = nullptr;
  X509_ALGOR_get0(nullptr, &type, &value, outer);
  if (type != V_ASN1_SEQUENCE) return nullptr;
  const auto* seq = static_cast<const ASN1_STRING*>(value);
  const unsigned char* p = ASN1_STRING_get0_data(seq);
  return algor_ptr(d2i_X509_ALGOR(nullptr, &p, ASN1_STRING_length(seq)));
}

bool is_sha256(const X509_ALGOR* alg) { return alg && OBJ_obj2nid(oid_of(alg)) == NID_sha256; }

void check_content_cipher(std::span<const std::uint8_t> der) {
  der_cursor content_info(der);
  der_cursor outer = content_info.enter(der_tag::sequence);
  outer.take(der_tag::oid);
  der_cursor envelope = outer.enter(der_tag::context(0)).enter(der_tag::sequence);
  envelope.take(der_tag::integer);
  envelope.skip_optional(der_tag::context(0));  // originatorInfo
  envelope.take(der_tag::set);                // recipientInfos, checked through OpenSSL below
  der_cursor encrypted = envelope.enter(der_tag::sequence);
  encrypted.take(der_tag::oid);
  const std::span<const std::uint8_t> alg_der = encrypted.take(der_tag::sequence);
  const unsigned char* p = alg_der.data();
  const algor_ptr alg(d2i_X509_ALGOR(nullptr, &p, static_cast<long>(alg_der.size())));
  if (!alg) crypto::ossl::throw_crypto("could not read the content cipher of the transfer file");
  if (OBJ_obj2nid(oid_of(alg.get())) != NID_aes_256_gcm) refuse("content cipher", oid_of(alg.get()));
}

void check_key_transport(CMS_RecipientInfo* ri) {
  X509_ALGOR* alg = nullptr;
  crypto::ossl::require_ok(CMS_RecipientInfo_ktri_get0_algs(ri, nullptr, nullptr, &alg),
                           "could not read a recipient of the transfer file");
  if (OBJ_obj2nid(oid_of(alg)) != NID_rsaesOaep) refuse("key transport", oid_of(alg));
  int type = 0;
  const void* value = nullptr;
  X509_ALGOR_get0(nullptr, &type, &value, alg);
  oaep_params_ptr params;
  if (type == V_ASN1_SEQUENCE) {
    const auto* seq = static_cast<const ASN1_STRING*>(value);
    const unsigned char* p = ASN1_STRING_get0_data(seq);
    params.reset(d2i_RSA_OAEP_PARAMS(nullptr, &p, ASN1_STRING_length(seq)));
  }
  // Absent hash or mask fields mean SHA-1 by the RFC 4055 defaults, so they are refused too.
  const bool hash_ok = params && is_sha256(params->hashFunc);
  const bool mgf_ok = params && params->maskGenFunc &&
                      OBJ_obj2nid(oid_of(params->maskGenFunc)) == NID_mgf1 &&
                      is_sha256(inner_algorithm(params->maskGenFunc).get());
  if (!hash_ok || !mgf_ok || params->pSourceFunc != nullptr) {
    refuse("RSA-OAEP parameters other than SHA-256 with MGF1-SHA-256 for", oid_of(alg));
  }
}

void check_key_agreement(CMS_RecipientInfo* ri) {
  X509_ALGOR* alg = nullptr;
  crypto::ossl::require_ok(CMS_RecipientInfo_kari_get0_alg(ri, &alg, nullptr),
                           "could not read a recipient of the transfer file");
  if (OBJ_obj2nid(oid_of(alg)) != NID_dhSinglePass_stdDH_sha256kdf_scheme) {
    refuse("key agreement", oid_of(alg));
  }
  const algor_ptr wrap = inner_algorithm(alg);
  if (!wrap || OBJ_obj2nid(oid_of(wrap.get())) != NID_id_aes256_wrap) {
    refuse("a key wrap other than AES-256 with", oid_of(alg));
  }
}

}  // namespace

void check_envelope_algorithms(CMS_ContentInfo& cms, std::span<const std::uint8_t> der) {
  if (OBJ_obj2nid(CMS_get0_type(&cms)) != NID_id_smime_ct_authEnvelopedData) {
    throw error(errc::corrupt,
                "the transfer file is damaged: an object is not an authenticated encrypted "
                "CMS message (AuthEnvelopedData) but " + name_of(CMS_get0_type(&cms)));
  }
  check_content_cipher(der);
  if (OBJ_obj2nid(CMS_get0_eContentType(&cms)) != NID_pkcs7_data) {
    refuse("encrypted content type", CMS_get0_eContentType(&cms));
  }
  STACK_OF(CMS_RecipientInfo)* infos = CMS_get0_RecipientInfos(&cms);
  for (int i = 0; i < sk_CMS_RecipientInfo_num(infos); ++i) {
    CMS_RecipientInfo* ri = sk_CMS_RecipientInfo_value(infos, i);
    switch (CMS_RecipientInfo_type(ri)) {
      case CMS_RECIPINFO_TRANS: check_key_transport(ri); break;
      case CMS_RECIPINFO_AGREE: check_key_agreement(ri); break;
      default:
        throw error(errc::crypto,
                    "the transfer file has a recipient that uses neither RSA key transport nor "
                    "EC key agreement; this Key Manager does not accept it",
                    "recipient info type " + std::to_string(CMS_RecipientInfo_type(ri)));
    }
  }
}

bool addressed_to(CMS_ContentInfo& cms, const crypto::certificate& recipient) {
  STACK_OF(CMS_RecipientInfo)* infos = CMS_get0_RecipientInfos(&cms);
  for (int i = 0; i < sk_CMS_RecipientInfo_num(infos); ++i) {
    CMS_RecipientInfo* ri = sk_CMS_RecipientInfo_value(infos, i);
    if (CMS_RecipientInfo_type(ri) == CMS_RECIPINFO_TRANS &&
        CMS_RecipientInfo_ktri_cert_cmp(ri, recipient.native()) == 0) {
      return true;
    }
    if (CMS_RecipientInfo_type(ri) != CMS_RECIPINFO_AGREE) continue;
    STACK_OF(CMS_RecipientEncryptedKey)* keys = CMS_RecipientInfo_kari_get0_reks(ri);
    for (int k = 0; k < sk_CMS_RecipientEncryptedKey_num(keys); ++k) {
      if (CMS_RecipientEncryptedKey_cert_cmp(sk_CMS_RecipientEncryptedKey_value(keys, k),
                                             recipient.native()) == 0) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace arbor::km::crypto
