#include "csr.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>
#include <stdexcept>

namespace arbor::km::ca::testing {
namespace {

struct pkey_free {
  void operator()(EVP_PKEY* k) const noexcept { EVP_PKEY_free(k); }
};
struct req_free {
  void operator()(X509_REQ* r) const noexcept { X509_REQ_free(r); }
};
struct bio_free {
  void operator()(BIO* b) const noexcept { BIO_free(b); }
};

void require(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("OpenSSL failed: ") + what);
}

}  // namespace

std::string make_csr(const std::string& common_name) {
  std::unique_ptr<EVP_PKEY, pkey_free> key(EVP_EC_gen("P-256"));
  require(key != nullptr, "EVP_EC_gen");
  std::unique_ptr<X509_REQ, req_free> req(X509_REQ_new());
  require(req != nullptr, "X509_REQ_new");
  X509_NAME* name = X509_REQ_get_subject_name(req.get());
  require(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                     reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1, 0) == 1,
          "X509_NAME_add_entry_by_txt");
  require(X509_REQ_set_pubkey(req.get(), key.get()) == 1, "X509_REQ_set_pubkey");
  require(X509_REQ_sign(req.get(), key.get(), EVP_sha256()) > 0, "X509_REQ_sign");
  std::unique_ptr<BIO, bio_free> out(BIO_new(BIO_s_mem()));
  require(out != nullptr && PEM_write_bio_X509_REQ(out.get(), req.get()) == 1, "PEM_write_bio_X509_REQ");
  char* data = nullptr;
  const long size = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

}  // namespace arbor::km::ca::testing
