// Export Users: moves users with their whole key history to another Key Management server in a
// transfer file, revokes their certificates here and removes them (workflows/export_users.hpp).
// The pages build the request's checked types once and keep them: the destination certificate
// is read on the certificate page, the users are selected on the users page.
#include "common/km_error.hpp"
#include "workflows/destination.hpp"
#include "workflows/earlier_exports.hpp"
#include "workflows/export_file_name.hpp"
#include "workflows/export_users.hpp"
#include "workflows/user_selection.hpp"
#include "wizards/console_progress.hpp"
#include "wizards/factories.hpp"
#include "wizards/pattern_preview.hpp"
#include "wizards/sdk_error.hpp"
#include "wizards/task_wizard.hpp"
#include "wizards/thumbprint_refusal.hpp"
#include "wizards/typed_path.hpp"
#include "wizards/word_list.hpp"

#include <memory>
#include <optional>

namespace arbor::km::wizards {
namespace {

constexpr const char* scope_all = "all";
constexpr const char* scope_picked = "picked";
constexpr const char* scope_pattern = "pattern";
// The multi-select lists at most this many aliases; a pattern reaches the others.
constexpr std::int64_t max_listed_aliases = 10000;

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

  // The destination certificate, read and checked once per path typed.
  workflows::destination& destination(const sdk::answers& a) {
    const auto path = typed_path(a.text("certificate", "path"));
    if (!destination_ || destination_->path() != path) {
      destination_.reset();
      destination_.emplace(workflows::check_destination(kms(), path, authorization().actor()));
    }
    return *destination_;
  }

  workflows::confirmed_destination confirmed_destination(const sdk::answers& a) {
    try {
      return workflows::confirm_destination(kms(), destination(a), a.text("thumbprint", "thumbprint"),
                                            authorization().actor());
    } catch (const workflows::thumbprint_refused& e) {
      throw error(errc::bad_input, thumbprint_refusal(e.reason(), e.another_certificate(), "destination"));
    }
  }

  // The choice on the users page, resolved once per choice.
  workflows::user_selection& selection(const sdk::answers& a) {
    workflows::user_choice chosen;
    const auto scope = a.text("users", "scope");
    if (scope == scope_picked) {
      chosen.scope = workflows::user_scope::picked;
      chosen.aliases = a.items("users", "picked");
    } else if (scope == scope_pattern) {
      chosen.scope = workflows::user_scope::pattern;
      chosen.pattern = a.text("users", "pattern");
    }
    if (selection_ && chosen == chosen_) return *selection_;
    selection_.reset();
    try {
      selection_.emplace(kms().db(), chosen);
    } catch (const workflows::empty_choice&) {
      if (chosen.scope == workflows::user_scope::picked)
        throw error(errc::bad_input, "Pick at least one user under 'Picked users', or choose all users or a pattern.");
      throw error(errc::bad_input, "Type a pattern under 'Pattern', e.g. *@example.org or sales-*.");
    }
    chosen_ = std::move(chosen);
    return *selection_;
  }

  std::vector<std::string> thumbprint_info(const sdk::answers& a) {
    const auto& to = destination(a);
    return {"Subject: " + to.subject(), "SHA-1: " + to.sha1_with_colons(), "SHA-256: " + to.sha256_with_colons()};
  }

  std::vector<std::string> leftover_info() {
    std::vector<std::string> lines;
    for (const auto& leftover : workflows::find_export_leftovers(kms().directory().root()))
      lines.push_back("Warning: " + workflows::describe_leftover(leftover));
    return lines;
  }

  std::vector<std::string> users_info(const sdk::answers& a) {
    const auto total = workflows::user_count(kms());
    std::vector<std::string> lines{"This server has " + std::to_string(total) + " users."};
    if (total > max_listed_aliases)
      lines.push_back("The list shows the first " + std::to_string(max_listed_aliases) +
                      " aliases; choose a pattern to reach the others.");
    if (!a.has("users", "scope")) return lines;
    if (const auto pattern = a.text("users", "pattern"); a.text("users", "scope") == scope_pattern && !pattern.empty()) {
      // Shown while it is typed (SDK 1.2 live pages): counted without making a selection.
      for (auto& line : pattern_preview(pattern, workflows::match_pattern(kms().db(), pattern, previewed_aliases)))
        lines.push_back(std::move(line));
      return lines;
    }
    try {
      lines.push_back("The current choice covers " + std::to_string(selection(a).count()) + " users.");
    } catch (const error& e) {
      lines.push_back("The current choice: " + std::string(e.what()));
    }
    return lines;
  }

  workflows::earlier_exports earlier_exports(const sdk::answers& a) {
    return workflows::find_earlier_exports(selection(a), destination(a).sha256_hex());
  }

  std::vector<std::string> confirm_info(const sdk::answers& a) {
    const auto subject = destination(a).subject();
    const auto file = kms().directory().root() / a.text("file", "name");
    std::vector<std::string> lines{
        std::to_string(selection(a).count()) + " users will be written with their whole key history to " +
            file.string() + ", signed by this server and encrypted to " + subject + ".",
        "Their certificates will be revoked at Certificate Services (reason affiliationChanged); a revocation it "
        "does not confirm waits in the pending-revocation queue.",
        "The users will be removed from this server. Users without key history are removed and not exported.",
        "The database is backed up first, into " + kms().directory().backups().string() + "."};
    if (const auto keyless = workflows::find_users_without_keys(selection(a)); keyless.users != 0)
      lines.push_back("Warning: " + std::to_string(keyless.users) +
                      " of these users have no key history: they will be deleted here and not exported: " +
                      join(details_with_rest(keyless.aliases, keyless.users)) + ".");
    if (const auto earlier = earlier_exports(a); earlier.users != 0)
      lines.push_back("Warning: " + workflows::describe(earlier) + ". They are exported again only if you answer "
                      "yes to 'Export again users already exported to this server'.");
    if (!workflows::certificate_services_configured(kms()))
      lines.push_back("Warning: Certificate Services is not configured, so every certificate will wait in the "
                      "pending-revocation queue.");
    return lines;
  }

  sdk::page prepare_page(const sdk::page& declared, const sdk::answers& so_far) override {
    auto page = declared;
    if (page.id == "thumbprint") page.info = thumbprint_info(so_far);
    if (page.id == "file") page.info = leftover_info();
    if (page.id == "users") {
      page.fields[1].options = workflows::user_aliases(kms(), max_listed_aliases);
      page.info = users_info(so_far);
    }
    if (page.id == "confirm") page.info = confirm_info(so_far);
    return page;
  }

  void validate_page(std::string_view page_id, const sdk::answers& so_far) override {
    if (page_id == "certificate") destination(so_far);
    if (page_id == "thumbprint") confirmed_destination(so_far);
    if (page_id == "file") workflows::export_file_name(so_far.text("file", "name"), kms().directory().root());
    if (page_id == "users") selection(so_far);
    if (page_id == "confirm" && !so_far.yes("confirm", "confirm"))
      throw error(errc::bad_input, "Nothing was exported: answer Yes to 'Export these users and remove them from this "
                                   "server?' to export.");
    if (page_id == "confirm") {
      try {
        workflows::refuse_earlier_exports(selection(so_far), destination(so_far).sha256_hex(),
                                          so_far.yes("confirm", "again"));
      } catch (const workflows::earlier_exports_refused& e) {
        throw error(errc::bad_input, std::string(e.what()) +
                                         ": answer Yes to 'Export again users already exported to this server' to "
                                         "send them again, or choose other users.");
      }
    }
  }

  // The request from the kept types (built here when a page was not validated first); a refusal
  // here is audited as the export's failure.
  workflows::export_request request(const sdk::answers& all) {
    try {
      return {confirmed_destination(all), workflows::export_file_name(all.text("file", "name"), kms().directory().root()),
              selection(all), authorization().actor(), all.yes("confirm", "again")};
    } catch (const error& e) {
      workflows::audit_export_failed(kms(), authorization().actor(), e.what());
      throw;
    }
  }

  sdk::summary run_task(const sdk::answers& all) override {
    console_progress progress(env().progress);
    const workflows::export_result done = [&] {
      // One export per selection: a Finish tried again after a failure resolves the choice anew.
      struct forget_selection {
        std::optional<workflows::user_selection>& selection;
        ~forget_selection() { selection.reset(); }
      } forget{selection_};
      return workflows::export_users(kms(), keys(), request(all), progress);
    }();
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
                             " revocations (" + (revocation.ca_unset ? settings_hint(workflows::unusable_settings::group::certificate_services) : revocation.reason) +
                             "). Run Retry Pending Revocations once it is back.",
                         {}});
    return s;
  }

  std::optional<workflows::destination> destination_;
  std::optional<workflows::user_selection> selection_;  // a TEMP table on kms()'s connection
  workflows::user_choice chosen_;                       // what selection_ was resolved from
};

}  // namespace

wizard_ptr make_export_users_wizard(const environment& env) { return std::make_unique<export_users_wizard>(env); }

}  // namespace arbor::km::wizards
