#pragma once
// Certificate Services for unit tests: a CA key in memory that signs CSRs as cfssl would (the
// CSR's key, the requested CN), and that can be told to be unreachable or to refuse revocations.
// It lets the escrow tests check transactions without a server; tests/integration/ use cfssl.
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "ca/certificate_identity.hpp"
#include "ca/certificate_services.hpp"
#include "crypto/ossl.hpp"
#include "crypto/private_key.hpp"

namespace arbor::km::testing {

class fake_certificate_services final : public ca::certificate_services {
 public:
  bool reachable = true;                 // false: every call fails with ca_unreachable
  bool sign_another_key = false;         // true: issue the certificate for a key of its own
  std::set<std::string> refused_serials;  // revocations of these serials fail with ca_error
  std::vector<ca::revocation> revoked;    // every revocation the CA confirmed
  int enrollments = 0;
  std::function<void()> while_revoking;   // called as revoke_all() is asked, before it answers

  crypto::certificate enroll(const std::string& csr_pem, const ca::enroll_request& request) override {
    if (!reachable) throw error(errc::ca_unreachable, "Certificate Services at fake://ca could not be reached.");
    ++enrollments;
    crypto::ossl::bio_ptr in(BIO_new_mem_buf(csr_pem.data(), static_cast<int>(csr_pem.size())));
    crypto::ossl::x509_req_ptr csr(PEM_read_bio_X509_REQ(in.get(), nullptr, nullptr, nullptr));
    if (!csr) throw error(errc::ca_error, "CSR Decode failed");
    crypto::ossl::x509_ptr cert(X509_new());
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set_int64(X509_get_serialNumber(cert.get()), ++serial_);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600L * 24 * 365);
    X509_NAME* subject = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(request.common_name.c_str()), -1, -1, 0);
    X509_NAME* issuer = X509_get_issuer_name(cert.get());
    X509_NAME_add_entry_by_txt(issuer, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("Fake CA"), -1, -1, 0);
    if (sign_another_key) {
      X509_set_pubkey(cert.get(), other_key_.native());
    } else {
      crypto::ossl::pkey_ptr key(X509_REQ_get_pubkey(csr.get()));
      X509_set_pubkey(cert.get(), key.get());
    }
    X509_sign(cert.get(), ca_key_.native(), EVP_sha256());
    crypto::ossl::bio_ptr out(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(out.get(), cert.get());
    char* data = nullptr;
    const long size = BIO_get_mem_data(out.get(), &data);
    return ca::read_issued_certificate(std::string(data, static_cast<std::size_t>(size)));
  }

  ca::revoke_result revoke(const ca::revocation& request) override {
    if (!reachable) return {request, error(errc::ca_unreachable, "Certificate Services at fake://ca could not be reached.")};
    if (refused_serials.count(request.serial_decimal) != 0) return {request, error(errc::ca_error, "certificate not found")};
    revoked.push_back(request);
    return {request, std::nullopt};
  }

  std::vector<ca::revoke_result> revoke_all(const std::vector<ca::revocation>& requests) override {
    if (while_revoking) while_revoking();
    std::vector<ca::revoke_result> results;
    for (const ca::revocation& request : requests) results.push_back(revoke(request));
    return results;
  }

 private:
  crypto::private_key ca_key_ = crypto::private_key::generate_ec("P-256");
  crypto::private_key other_key_ = crypto::private_key::generate_ec("P-256");
  std::int64_t serial_ = 1000;
};

}  // namespace arbor::km::testing
