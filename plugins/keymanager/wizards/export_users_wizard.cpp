// Export Users: moves users with their whole key history to another Key Management server in a
// transfer file, revokes their certificates here and removes them (transfer/export_users.hpp).
#include "common/km_error.hpp"
#include "crypto/thumbprint.hpp"
#include "workflows/ca_settings.hpp"
#include "store/users.hpp"
#include "workflows/destination_certificate.hpp"
#include "workflows/earlier_exports.hpp"
#include "workflows/export_file_name.hpp"
#include "workflows/export_users.hpp"
#include "wizards/factories.hpp"
#include "wizards/sdk_error.hpp"
#include "wizards/task_wizard.hpp"
#include "wizards/thumbprint_refusal.hpp"

#include <chrono>
#include <memory>

namespace arbor::km::wizards {
namespace {

constexpr const char* scope_all = "all";
constexpr const char* scope_picked = "picked";
constexpr const char* scope_pattern = "pattern";
// The multi-select lists at most this many aliases; a pattern reaches the others.
constexpr std::int64_t max_listed_aliases = 10000;

// The console's progress service seen through the workflow's observer. Null: nothing shown.
class progress_observer final : public workflows::export_observer {
 public:
  explicit progress_observer(sdk::progress* progress) : progress_(progress) {}
  ~progress_observer() override {
    if (progress_ != nullptr && begun_) progress_->end();
  }
  progress_observer(const progress_observer&) = delete;
  progress_observer& operator=(const progress_observer&) = delete;

  void phase(std::string_view label, std::uint64_t total) override {
    if (progress_ == nullptr) return;
    if (begun_) progress_->end();
    progress_->begin(label, total);
    begun_ = true;
    done_ = 0;
  }
  void step(std::string_view note) override {
    if (progress_ != nullptr) progress_->advance(++done_, note);
  }
  bool cancelled() const override { return progress_ != nullptr && progress_->cancelled(); }

 private:
  sdk::progress* progress_;
  bool begun_ = false;
  std::uint64_t done_ = 0;
};

std::vector<std::string> details_with_rest(std::vector<std::string> aliases, std::int64_t total) {
  if (total > static_cast<std::int64_t>(aliases.size()))
    aliases.push_back("... and " + std::to_string(total - static_cast<std::int64_t>(aliases.size())) + " more");
  return aliases;
}

class export_users_wizard final : public task_wizard {
 public:
  explicit export_users_wizard(const environment& env) : task_wizard(env, "Export Users") {}

 private:
  std::string policy_task(const sdk::answers&) const override { return "export-users"; }

  std::vector<sdk::page> task_pages() const override {
    using sdk::field;
    using sdk::field_kind;
    return {
        sdk::page{"certificate", "Encryption Certificate",
                  "The certificate of the Key Management server the users move to: the file its Save the KMS "
                  "Certificate wrote (PEM or DER).",
                  {},
                  {field{"path", "Destination certificate", field_kind::path, true, {}, {}, "Path of the certificate file."}},
                  false},
        sdk::page{"thumbprint", "Certificate Thumbprint Verification",
                  "Type what the destination's administrator reads to you from its Save the KMS Certificate by "
                  "another channel (telephone, in person), not what this page shows.",
                  {},
                  {field{"thumbprint", "Short code or thumbprint", field_kind::text, true, {}, {},
                         "The 8-character short code (like K7QM-3XPA), or the whole SHA-1 or SHA-256 fingerprint. "
                         "Case, spaces, '-' and colons are ignored. The first 8 digits of SHA-1 are no longer "
                         "accepted."}},
                  false},
        sdk::page{"file", "Export Filename", "The export file is saved in this server's KMSData directory.", {},
                  {field{"name", "File name", field_kind::text, true, {}, {}, "A new file name, e.g. users-to-paris.kmx."}},
                  false},
        sdk::page{"users", "User View Selection", "Which users to export.", {},
                  {field{"scope", "Users", field_kind::choice, true, {scope_all, scope_picked, scope_pattern}, scope_all,
                         "all: every user; picked: the users chosen below; pattern: users whose alias, name or "
                         "e-mail matches the pattern."},
                   field{"picked", "Picked users", field_kind::multi_select, false, {}, {}, "The users to export."},
                   field{"pattern", "Pattern", field_kind::text, false, {}, {},
                         "With * and ?, case-insensitive, e.g. *@paris.example.org or sales-*."}},
                  false},
        sdk::page{"confirm", "Confirm the Export", "What will happen.", {},
                  {field{"confirm", "Export these users and remove them from this server?", field_kind::confirmation,
                         true, {}, "no", {}},
                   field{"again", "Export again users already exported to this server", field_kind::confirmation,
                         false, {}, "no",
                         "Only for users a restored backup brought back after an export to this same server, and only "
                         "when that server lost them: it would otherwise hold two copies of their keys."}},
                  false},
    };
  }

  std::chrono::system_clock::time_point now() const {
    return std::chrono::system_clock::time_point(std::chrono::seconds(env().clock->now()));
  }

  crypto::certificate destination(const sdk::answers& a) {
    return workflows::read_destination_certificate(a.text("certificate", "path"), kms().identity().cert(), now());
  }

  // The choice on the users page; picked aliases become stable user ids.
  workflows::user_choice choice(const sdk::answers& a) {
    workflows::user_choice chosen;
    const auto scope = a.text("users", "scope");
    if (scope == scope_picked) {
      chosen.scope = workflows::user_scope::picked;
      store::user_repository users(kms().db());
      for (const auto& alias : a.items("users", "picked")) {
        const auto user = users.find_by_alias(alias);
        if (!user) throw error(errc::bad_input, "There is no user '" + alias + "' on this server.");
        chosen.user_ids.push_back(user->user_id);
      }
    } else if (scope == scope_pattern) {
      chosen.scope = workflows::user_scope::pattern;
      chosen.pattern = a.text("users", "pattern");
    }
    return chosen;
  }

  std::vector<std::string> listed_aliases() {
    std::vector<std::string> aliases;
    for (const auto& user : store::user_repository(kms().db()).list({0, max_listed_aliases}))
      aliases.push_back(user.alias);
    return aliases;
  }

  std::vector<std::string> thumbprint_info(const sdk::answers& a) {
    const auto cert = destination(a);
    return {"Subject: " + cert.subject(), "SHA-1: " + crypto::with_colons(crypto::sha1_hex(cert)),
            "SHA-256: " + crypto::with_colons(crypto::sha256_hex(cert))};
  }

  std::vector<std::string> leftover_info() {
    std::vector<std::string> lines;
    for (const auto& leftover : workflows::find_export_leftovers(kms().directory().root()))
      lines.push_back("Warning: " + workflows::describe_leftover(leftover));
    return lines;
  }

  std::vector<std::string> users_info(const sdk::answers& a) {
    const auto total = store::user_repository(kms().db()).count();
    std::vector<std::string> lines{"This server has " + std::to_string(total) + " users."};
    if (total > max_listed_aliases)
      lines.push_back("The list shows the first " + std::to_string(max_listed_aliases) +
                      " aliases; choose a pattern to reach the others.");
    if (!a.has("users", "scope")) return lines;
    try {
      lines.push_back("The current choice covers " + std::to_string(covered(a)) + " users.");
    } catch (const error& e) {
      lines.push_back("The current choice: " + std::string(e.what()));
    }
    return lines;
  }

  std::int64_t covered(const sdk::answers& a) {
    const auto chosen = choice(a);
    workflows::check_choice(chosen);
    return workflows::count_covered(kms().db(), chosen);
  }

  workflows::earlier_exports earlier_exports(const sdk::answers& a) {
    return workflows::find_earlier_exports(kms().db(), choice(a), crypto::sha256_hex(destination(a)));
  }

  std::vector<std::string> confirm_info(const sdk::answers& a) {
    const auto cert = destination(a);
    const auto file = kms().directory().root() / a.text("file", "name");
    std::vector<std::string> lines{
        std::to_string(covered(a)) + " users will be written with their whole key history to " + file.string() +
            ", signed by this server and encrypted to " + cert.subject() + ".",
        "Their certificates will be revoked at Certificate Services (reason affiliationChanged); a revocation it "
        "does not confirm waits in the pending-revocation queue.",
        "The users will be removed from this server. Users without key history are removed and not exported.",
        "The database is backed up first, into " + kms().directory().backups().string() + "."};
    if (const auto earlier = earlier_exports(a); earlier.users != 0)
      lines.push_back("Warning: " + workflows::describe(earlier) + ". They are exported again only if you answer "
                      "yes to 'Export again users already exported to this server'.");
    if (workflows::read_ca_settings(kms().db()).base_url.empty())
      lines.push_back("Warning: Certificate Services is not configured, so every certificate will wait in the "
                      "pending-revocation queue.");
    return lines;
  }

  sdk::page prepare_page(const sdk::page& declared, const sdk::answers& so_far) override {
    auto page = declared;
    if (page.id == "thumbprint") page.info = thumbprint_info(so_far);
    if (page.id == "file") page.info = leftover_info();
    if (page.id == "users") {
      page.fields[1].options = listed_aliases();
      page.info = users_info(so_far);
    }
    if (page.id == "confirm") page.info = confirm_info(so_far);
    return page;
  }

  // The destination certificate, read again and checked against the thumbprint the operator
  // typed: the file could have been replaced since the thumbprint page.
  crypto::certificate verified_destination(const sdk::answers& a) {
    auto cert = destination(a);
    const auto check = crypto::check_thumbprint(a.text("thumbprint", "thumbprint"), cert, codes_);
    if (!check.matched()) throw error(errc::bad_input, thumbprint_refusal(check, "destination"));
    return cert;
  }

  void validate_page(std::string_view page_id, const sdk::answers& so_far) override {
    try {
      if (page_id == "certificate") destination(so_far);
      if (page_id == "thumbprint") verified_destination(so_far);
    } catch (const error& e) {
      audit_failure("users-export-refused", "destination " + so_far.text("certificate", "path") + ": " + e.what());
      throw;
    }
    if (page_id == "file") workflows::check_export_file_name(so_far.text("file", "name"), kms().directory().root());
    if (page_id == "users" && covered(so_far) == 0)
      throw error(errc::bad_input, "The choice covers no user: choose other users.");
    if (page_id == "confirm" && !so_far.yes("confirm", "confirm"))
      throw error(errc::bad_input, "Nothing was exported: confirm (field 'confirm') to export.");
    if (page_id == "confirm" && !so_far.yes("confirm", "again")) {
      const auto earlier = earlier_exports(so_far);
      if (earlier.users != 0)
        throw error(errc::bad_input, workflows::describe(earlier) +
                                         ". Nothing was exported: answer yes to 'Export again users already exported "
                                         "to this server' (field 'again') to send them again, or choose other users.");
    }
  }

  workflows::export_result run_export(const sdk::answers& all) {
    const workflows::export_request request{verified_destination(all), all.text("file", "name"), choice(all),
                                           authorization().actor(), all.yes("confirm", "again")};
    workflows::revocation_target target;
    std::unique_ptr<ca::certificate_services> services;
    try {
      services = workflows::open_certificate_services(kms().db());
      target.services = services.get();
    } catch (const error& e) {
      target.not_configured = operator_message(e);
    }
    progress_observer observer(env().progress);
    return workflows::export_users(kms(), request, target, observer);
  }

  sdk::summary run_task(const sdk::answers& all) override {
    workflows::export_result done;
    try {
      done = run_export(all);
    } catch (const error& e) {
      audit_failure("users-export-failed", e.what());
      throw;
    }
    const auto& revocation = done.revocation;
    sdk::summary s{revocation.users_pending == 0 ? "The users were exported"
                                                 : "The users were exported; some certificates wait for revocation",
                   {{"not_revoked", "Users could not be revoked (still exported)", std::to_string(revocation.users_pending),
                     details_with_rest(revocation.aliases_pending, revocation.users_pending)},
                    {"no_key_history", "Users had no key history (deleted but not exported)",
                     std::to_string(done.users_without_keys),
                     details_with_rest(done.aliases_without_keys, done.users_without_keys)},
                    {"exported", "Total users exported", std::to_string(done.users_exported), {}},
                    {"keys", "Keys exported", std::to_string(done.keys_exported), {}},
                    {"certificates_revoked", "Certificates revoked", std::to_string(revocation.confirmed), {}},
                    {"file", "Export file", done.file.string(), {}},
                    {"backup", "Backup", done.backup.string(), {}},
                    {"transfer_id", "Transfer id", done.transfer_id, {}}},
                   std::nullopt};
    if (revocation.users_pending != 0)
      s.items.push_back({"next", "Next step",
                         "Certificate Services did not confirm " + std::to_string(revocation.pending) +
                             " revocations (" + revocation.reason +
                             "). Run Retry Pending Revocations once it is back.",
                         {}});
    return s;
  }

  crypto::short_code_memo codes_;  // the destination's code costs ~0.5 s: once per run
};

}  // namespace

wizard_ptr make_export_users_wizard(const environment& env) { return std::make_unique<export_users_wizard>(env); }

}  // namespace arbor::km::wizards
