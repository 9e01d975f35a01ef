// Save the KMS Certificate: writes this server's certificate where the operator says, so the
// administrator of another Key Management server can export users to this one.
#include "workflows/save_certificate.hpp"
#include "wizards/factories.hpp"
#include "wizards/task_wizard.hpp"
#include "wizards/typed_path.hpp"

#include <optional>

namespace arbor::km::wizards {
namespace {

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
    const auto& cert = described();
    page.info = {"Subject: " + cert.subject, "Short code: " + cert.short_code, "SHA-1: " + cert.sha1,
                 "SHA-256: " + cert.sha256,
                 "Read the short code (or the SHA-256 thumbprint) to the other server's administrator by "
                 "telephone or in person, not with the file."};
    return page;
  }

  workflows::new_file destination(const sdk::answers& so_far) {
    return workflows::new_file(typed_path(so_far.text("file", "path")), kms().directory().database_dir(),
                               "'Save the certificate as'");
  }

  void validate_page(std::string_view, const sdk::answers& so_far) override { destination(so_far); }

  sdk::summary run_task(const sdk::answers& all) override {
    const bool der = all.text("file", "format") == "DER";
    const auto saved = workflows::save_certificate(
        kms(), {destination(all), der ? workflows::certificate_format::der : workflows::certificate_format::pem,
                authorization().actor()});
    const auto& cert = described();
    return sdk::summary{"The KMS certificate was saved",
                        {{"file", "File", saved.file.string(), {}},
                         {"format", "Format", der ? "DER" : "PEM", {}},
                         {"subject", "Subject", cert.subject, {}},
                         {"short_code", "Short code", cert.short_code, {}},
                         {"sha1", "SHA-1 thumbprint", cert.sha1, {}},
                         {"sha256", "SHA-256 thumbprint", cert.sha256, {}}},
                        {}};
  }

  // The short code costs ~0.5 s: once per run, for the page and the summary.
  const workflows::kms_certificate& described() {
    if (!described_) described_ = workflows::describe_kms_certificate(kms());
    return *described_;
  }

  std::optional<workflows::kms_certificate> described_;
};

}  // namespace

wizard_ptr make_save_certificate_wizard(const environment& env) {
  return std::make_unique<save_certificate_wizard>(env);
}

}  // namespace arbor::km::wizards
