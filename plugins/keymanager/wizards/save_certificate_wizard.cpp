// Save the KMS Certificate: writes this server's certificate where the operator says, so the
// administrator of another Key Management server can export users to this one.
#include "common/atomic_file.hpp"
#include "common/km_error.hpp"
#include "crypto/short_code.hpp"
#include "crypto/thumbprint.hpp"
#include "wizards/factories.hpp"
#include "wizards/new_file_path.hpp"
#include "wizards/task_wizard.hpp"

#include <filesystem>

namespace arbor::km::wizards {
namespace {

namespace fs = std::filesystem;

class save_certificate_wizard final : public task_wizard {
 public:
  explicit save_certificate_wizard(const environment& env) : task_wizard(env, "Save the KMS Certificate") {}

 private:
  std::string policy_task(const sdk::answers&) const override { return "save-kms-certificate"; }

  std::vector<sdk::page> task_pages() const override {
    sdk::field path{"path", "Save the certificate as", sdk::field_kind::path, true, {}, {},
                    "A new file; an existing file is never replaced."};
    sdk::field format{"format", "Format", sdk::field_kind::choice, false, {"PEM", "DER"}, "PEM",
                      "PEM (Base64 text) or DER (binary)."};
    return {sdk::page{"file", "Certificate File", "Where to save this server's certificate.", {}, {path, format}, false}};
  }

  sdk::page prepare_page(const sdk::page& declared, const sdk::answers&) override {
    auto page = declared;
    const auto& cert = kms().identity().cert();
    page.info = {"Subject: " + cert.subject(), "Short code: " + crypto::grouped(codes_.of(cert)),
                 "SHA-1: " + crypto::with_colons(crypto::sha1_hex(cert)),
                 "SHA-256: " + crypto::with_colons(crypto::sha256_hex(cert)),
                 "Read the short code (or the SHA-256 thumbprint) to the other server's administrator by "
                 "telephone or in person, not with the file."};
    return page;
  }

  void validate_page(std::string_view, const sdk::answers& so_far) override {
    check_new_file_path(so_far.text("file", "path"), "path", kms().directory().database_dir());
  }

  sdk::summary run_task(const sdk::answers& all) override {
    const fs::path path = all.text("file", "path");
    const bool der = all.text("file", "format") == "DER";
    const auto& cert = kms().identity().cert();
    const auto bytes = der ? cert.der() : [&] { auto pem = cert.pem(); return std::vector<std::uint8_t>(pem.begin(), pem.end()); }();
    write_file_atomically(path, bytes, 0644, if_exists::refuse);
    audit("certificate-saved", path.string());
    return sdk::summary{"The KMS certificate was saved",
                        {{"file", "File", fs::absolute(path).string(), {}},
                         {"format", "Format", der ? "DER" : "PEM", {}},
                         {"subject", "Subject", cert.subject(), {}},
                         {"short_code", "Short code", crypto::grouped(codes_.of(cert)), {}},
                         {"sha1", "SHA-1 thumbprint", crypto::with_colons(crypto::sha1_hex(cert)), {}},
                         {"sha256", "SHA-256 thumbprint", crypto::with_colons(crypto::sha256_hex(cert)), {}}},
                        {}};
  }

  crypto::short_code_memo codes_;  // costs ~0.5 s: once per run, for the page and the summary
};

}  // namespace

wizard_ptr make_save_certificate_wizard(const environment& env) {
  return std::make_unique<save_certificate_wizard>(env);
}

}  // namespace arbor::km::wizards
