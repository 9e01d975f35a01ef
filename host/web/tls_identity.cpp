#include "host/web/tls_identity.hpp"

#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <memory>
#include <system_error>

namespace arbor::host::web {
namespace {

namespace fs = std::filesystem;

template <auto Free>
struct deleter {
  template <class T>
  void operator()(T* p) const noexcept {
    Free(p);
  }
};
using x509_ptr = std::unique_ptr<X509, deleter<X509_free>>;
using pkey_ptr = std::unique_ptr<EVP_PKEY, deleter<EVP_PKEY_free>>;
using bio_ptr = std::unique_ptr<BIO, deleter<BIO_free_all>>;
using extension_ptr = std::unique_ptr<X509_EXTENSION, deleter<X509_EXTENSION_free>>;
using bignum_ptr = std::unique_ptr<BIGNUM, deleter<BN_free>>;

constexpr const char* cert_name = "web-cert.pem";
constexpr const char* key_name = "web-key.pem";

std::string openssl_errors() {
  std::string text;
  while (const unsigned long code = ERR_get_error()) {
    char line[256];
    ERR_error_string_n(code, line, sizeof line);
    text += (text.empty() ? "" : "; ") + std::string(line);
  }
  return text;
}

sdk::error tls_failure(std::string message) {
  return sdk::fail(sdk::reason::failed, std::move(message), openssl_errors());
}

sdk::result<void> regular_file(const fs::path& file, std::string_view what) {
  std::error_code ec;
  const auto status = fs::status(file, ec);
  if (ec || !fs::exists(status))
    return sdk::fail(sdk::reason::not_found, "The " + std::string(what) + " " + file.string() + " does not exist.",
                     "give the path of a PEM file");
  if (!fs::is_regular_file(status))
    return sdk::fail(sdk::reason::invalid_input, "The " + std::string(what) + " " + file.string() + " is not a regular file.",
                     "give the path of a PEM file");
  return {};
}

/// Only the owner may touch it: a key others can read is no secret.
sdk::result<void> private_to_owner(const fs::path& path, std::string_view what) {
  struct stat st{};
  if (::lstat(path.c_str(), &st) != 0 || st.st_uid != ::geteuid() || (st.st_mode & 077) != 0)
    return sdk::fail(sdk::reason::denied,
                     "The web console's " + std::string(what) + " " + path.string() + " is open to other users.",
                     "chmod go-rwx it (or remove it and start again to make a new one)");
  return {};
}

sdk::result<x509_ptr> read_certificate(const fs::path& file) {
  bio_ptr bio(BIO_new_file(file.c_str(), "r"));
  if (!bio) return tls_failure("The certificate " + file.string() + " cannot be read.");
  x509_ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!cert) return tls_failure("The certificate " + file.string() + " is not a PEM certificate.");
  return cert;
}

std::string fingerprint(X509* cert) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  X509_digest(cert, EVP_sha256(), digest, &length);
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string text;
  for (unsigned int i = 0; i < length; ++i) {
    if (i != 0) text += ':';
    text += hex[digest[i] >> 4];
    text += hex[digest[i] & 0x0f];
  }
  return text;
}

/// Writes `bytes` to `file` (0600) through a temporary name, fsynced, then renamed.
sdk::result<void> write_private(const fs::path& file, const BUF_MEM& bytes) {
  const fs::path temporary = file.string() + ".tmp";
  ::unlink(temporary.c_str());
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  bool written = fd >= 0;
  for (std::size_t done = 0; written && done < bytes.length;) {
    const ssize_t n = ::write(fd, bytes.data + done, bytes.length - done);
    written = n > 0;
    done += written ? static_cast<std::size_t>(n) : 0;
  }
  written = written && ::fsync(fd) == 0;
  if (fd >= 0) written = ::close(fd) == 0 && written;
  if (!written || ::rename(temporary.c_str(), file.c_str()) != 0) {
    const std::error_code ec(errno, std::generic_category());
    ::unlink(temporary.c_str());
    return sdk::fail(sdk::reason::failed, "The web console cannot write " + file.string() + ".", ec.message());
  }
  return {};
}

sdk::result<void> add_extension(X509* cert, int nid, const char* value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, cert, cert, nullptr, nullptr, 0);
  extension_ptr extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value));
  if (!extension || X509_add_ext(cert, extension.get(), -1) != 1)
    return tls_failure("The web console's certificate cannot be made.");
  return {};
}

sdk::result<x509_ptr> make_certificate(EVP_PKEY* key) {
  x509_ptr cert(X509_new());
  bignum_ptr serial(BN_new());
  X509_NAME* name = cert ? X509_get_subject_name(cert.get()) : nullptr;
  const bool made =
      cert && serial && BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1 &&
      BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())) != nullptr &&
      X509_set_version(cert.get(), X509_VERSION_3) == 1 && X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) &&
      X509_gmtime_adj(X509_getm_notAfter(cert.get()), 60L * 60 * 24 * 397) &&
      X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("Arbor web console"),
                                 -1, -1, 0) == 1 &&
      X509_set_issuer_name(cert.get(), name) == 1 && X509_set_pubkey(cert.get(), key) == 1;
  if (!made) return tls_failure("The web console's certificate cannot be made.");
  for (auto [nid, value] : {std::pair{NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1"},
                            std::pair{NID_basic_constraints, "critical,CA:FALSE"},
                            std::pair{NID_ext_key_usage, "serverAuth"}})
    if (auto added = add_extension(cert.get(), nid, value); !added) return added.error();
  if (X509_sign(cert.get(), key, EVP_sha256()) == 0) return tls_failure("The web console's certificate cannot be signed.");
  return cert;
}

sdk::result<void> make_identity(const fs::path& cert_file, const fs::path& key_file) {
  pkey_ptr key(EVP_EC_gen("P-256"));
  if (!key) return tls_failure("The web console's key cannot be made.");
  auto cert = make_certificate(key.get());
  if (!cert) return cert.error();
  bio_ptr key_pem(BIO_new(BIO_s_secmem()));
  bio_ptr cert_pem(BIO_new(BIO_s_mem()));
  BUF_MEM* key_bytes = nullptr;
  BUF_MEM* cert_bytes = nullptr;
  if (!key_pem || !cert_pem || PEM_write_bio_PrivateKey(key_pem.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1 ||
      PEM_write_bio_X509(cert_pem.get(), cert.value().get()) != 1 || BIO_get_mem_ptr(key_pem.get(), &key_bytes) != 1 ||
      BIO_get_mem_ptr(cert_pem.get(), &cert_bytes) != 1)
    return tls_failure("The web console's key cannot be encoded.");
  if (auto written = write_private(key_file, *key_bytes); !written) return written.error();
  return write_private(cert_file, *cert_bytes);
}

sdk::result<void> private_directory(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir.parent_path(), ec);
  if (!ec && ::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) ec = std::error_code(errno, std::generic_category());
  if (ec)
    return sdk::fail(sdk::reason::failed, "The web console's state directory " + dir.string() + " cannot be made.",
                     ec.message());
  return private_to_owner(dir, "state directory");
}

}  // namespace

sdk::result<tls_identity> given_identity(const fs::path& certificate, const fs::path& key) {
  if (auto ok = regular_file(certificate, "certificate (--tls-cert)"); !ok) return ok.error();
  if (auto ok = regular_file(key, "private key (--tls-key)"); !ok) return ok.error();
  auto cert = read_certificate(certificate);
  if (!cert) return cert.error();
  return tls_identity{certificate, key, fingerprint(cert.value().get()), false};
}

sdk::result<tls_identity> self_signed_identity(const fs::path& state_dir) {
  if (auto ok = private_directory(state_dir); !ok) return ok.error();
  const fs::path cert_file = state_dir / cert_name;
  const fs::path key_file = state_dir / key_name;
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(key_file, ec)) || !fs::exists(fs::symlink_status(cert_file, ec)))
    if (auto made = make_identity(cert_file, key_file); !made) return made.error();
  for (const auto& [file, what] : {std::pair{key_file, "private key"}, std::pair{cert_file, "certificate"}}) {
    if (auto ok = regular_file(file, what); !ok) return ok.error();
    if (auto ok = private_to_owner(file, what); !ok) return ok.error();
  }
  auto cert = read_certificate(cert_file);
  if (!cert) return cert.error();
  return tls_identity{cert_file, key_file, fingerprint(cert.value().get()), true};
}

}  // namespace arbor::host::web
