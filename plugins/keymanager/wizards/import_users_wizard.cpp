// Import Users: on the destination server, reads a transfer file another Key Management server
// exported to this one. The operator names the file, confirms who signed it by its thumbprint,
// sees what the import would do (the whole file is checked here, before anything changes),
// decides about unknown users, confirms (default no), and the users land in one transaction
// after a backup.
#include "common/km_error.hpp"
#include "common/utc_time.hpp"
#include "workflows/import_users.hpp"
#include "workflows/transfer_listing.hpp"
#include "wizards/console_progress.hpp"
#include "wizards/factories.hpp"
#include "wizards/task_wizard.hpp"
#include "wizards/thumbprint_refusal.hpp"
#include "wizards/word_list.hpp"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <optional>
#include <string>

namespace arbor::km::wizards {
namespace {

constexpr std::string_view resolve_prefix = "resolve_";
constexpr std::string_view do_not_import = "do-not-import";
constexpr std::string_view merge_into = "merge-into:";
constexpr std::string_view confirm_label = "Import these users into this server?";

std::string count(std::int64_t n, const std::string& what) { return std::to_string(n) + " " + what; }

class import_users_wizard final : public task_wizard {
 public:
  explicit import_users_wizard(const environment& env) : task_wizard(env, "Import Users") {}

 private:
  std::string policy_task(const sdk::answers&) const override { return "import-users"; }

  std::vector<sdk::page> task_pages() const override {
    sdk::field name{"name", "Transfer file", sdk::field_kind::path, true, {}, {},
                    "The file's name in this server's KMSData directory (move the file there first). Tab "
                    "completes the names of the transfer files listed above."};
    sdk::field thumbprint{"thumbprint", "Thumbprint of the exporting server", sdk::field_kind::text, true, {}, {},
                          "The 8-character short code (like K7QM-3XPA) or the whole SHA-1 or SHA-256 fingerprint, "
                          "as its administrator reads it to you from Save the KMS Certificate. Case, spaces, '-' "
                          "and colons are ignored. The first 8 digits of SHA-1 are no longer accepted."};
    return {
        sdk::page{"file", "Import File", "Which transfer file to import.", {}, {name}, false},
        sdk::page{"source", "Source Verification", "Who exported this file. Compare with what the source server's "
                  "administrator tells you, not with the file itself.", {}, {thumbprint}, false},
        sdk::page{"ready", "Ready To Import", "The whole file was checked; nothing has changed yet.", {}, {}, false},
        sdk::page{"unknown", "Unknown Users", "These users are new here, but their alias or e-mail address belongs to "
                  "a user this server already has. Not importing them is the safe choice; merge one only when you "
                  "know it is the same person.", {}, {}, false},
        sdk::page{"confirm", "Confirm the Import", "What will happen.", {},
                  {sdk::field{"confirm", std::string(confirm_label), sdk::field_kind::confirmation, true, {}, "no", {}}},
                  false},
    };
  }

  sdk::page prepare_page(const sdk::page& declared, const sdk::answers& so_far) override {
    auto page = declared;
    if (page.id == "file") fill_file_page(page);
    if (page.id == "source") page.info = source_lines(previewed(so_far));
    if (page.id == "ready") page.info = plan_lines(planned(so_far));
    if (page.id == "unknown") fill_unknown_page(page, planned(so_far));
    if (page.id == "confirm") page.info = confirm_lines(so_far);
    return page;
  }

  void validate_page(std::string_view page_id, const sdk::answers& so_far) override {
    if (page_id == "file") previewed(so_far);  // a file not for this server is refused here
    if (page_id == "source") accepted(so_far);
    if (page_id == "unknown") resolutions(so_far);
    if (page_id == "confirm" && !so_far.yes("confirm", "confirm"))
      throw error(errc::bad_input, "Nothing was imported: answer Yes to '" + std::string(confirm_label) + "' to import.");
  }

  // What Finish does, named before anything changes: how many users, from whom, into where.
  std::vector<std::string> confirm_lines(const sdk::answers& so_far) {
    const auto& plan = planned(so_far);
    const auto& c = plan.counts;
    const auto merged = static_cast<std::int64_t>(resolutions(so_far).size());
    return {std::to_string(c.new_users + c.known_users + merged) + " of the " + count(c.users, "users") + " in " +
                previewed(so_far).file().name() + " will be imported with their key histories into this server's "
                "data directory " + kms().directory().root().string() + ".",
            "Exported by " + previewed(so_far).signer().subject + ", whose thumbprint you confirmed as " +
                so_far.text("source", "thumbprint") + ".",
            "New users: " + std::to_string(c.new_users) + ", known users (keys merged): " + std::to_string(c.known_users) +
                ", unknown users merged: " + std::to_string(merged) + ", not imported: " +
                std::to_string(c.unknown_users - merged) + ".",
            "The database is backed up first, into " + kms().directory().backups().string() +
                "; the import then lands completely or not at all."};
  }

  sdk::summary run_task(const sdk::answers& all) override {
    const auto& plan = planned(all);
    const workflows::import_request request{accepted(all), plan.file.trailer.transfer_id, plan.counts.users,
                                            resolutions(all), authorization().actor()};
    console_progress progress(env().progress);
    return summary_of(workflows::import_users(kms(), keys(), request, progress));
  }

  // --- the file and its signer -------------------------------------------------------------

  // The transfer files in KMSData, one info line each; the importable ones are the name field's
  // suggestions (SDK 1.2: the console completes them with Tab).
  void fill_file_page(sdk::page& page) {
    const std::string where = kms().directory().root().string();
    std::vector<workflows::listed_transfer> files;
    try {
      files = listing_.list(kms(), keys());
    } catch (const error& e) {  // the name can still be typed; the page's check says what is wrong
      page.info.push_back("The transfer files in the KMSData directory (" + where + ") cannot be listed: " + e.what());
      return;
    }
    if (files.empty()) {
      page.info.push_back("No transfer file in the KMSData directory (" + where + "): move the file there first.");
      return;
    }
    page.info.push_back("Transfer files in the KMSData directory (" + where + "), newest first:");
    for (const auto& file : files) {
      std::string line = file.name + " - " + size_text(file.size) + ", " + utc_text(file.modified) + ", ";
      line += file.problem.empty() ? "source " + file.source_code : "cannot be imported: " + file.problem;
      page.info.push_back(std::move(line));
      if (file.problem.empty()) page.fields.front().options.push_back(file.name);
    }
    if (listing_.found() > files.size())
      page.info.push_back(count(static_cast<std::int64_t>(listing_.found() - files.size()),
                                "older files are not listed; type their name."));
  }

  static std::string size_text(std::uintmax_t bytes) {
    if (bytes < 1024) return std::to_string(bytes) + " bytes";
    const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
    double value = static_cast<double>(bytes) / 1024;
    std::size_t unit = 0;
    for (; value >= 1024 && unit + 1 < std::size(units); ++unit) value /= 1024;
    char text[32];
    std::snprintf(text, sizeof text, "%.1f %s", value, units[unit]);
    return text;
  }

  // The signer of the named file; read once per file name (preview decrypts one object).
  const workflows::import_source& previewed(const sdk::answers& so_far) {
    const std::string name = so_far.text("file", "name");
    if (!preview_ || preview_->first != name) {
      preview_.reset();
      preview_.emplace(name, workflows::preview_import(kms(), keys(), authorization().actor(), name));
    }
    return preview_->second;
  }

  // The signer, once the operator's thumbprint matched it.
  workflows::accepted_source accepted(const sdk::answers& so_far) {
    return workflows::accept_source(kms(), authorization().actor(), previewed(so_far),
                                    so_far.text("source", "thumbprint"),
                                    [](std::string_view reason, bool another_certificate) {
                                      return thumbprint_refusal(reason, another_certificate, "source");
                                    });
  }

  static std::vector<std::string> source_lines(const workflows::import_source& source) {
    const auto& signer = source.signer();
    return {"Exported by: " + signer.subject, "SHA-1: " + signer.sha1, "SHA-256: " + signer.sha256,
            "Transfer id: " + signer.transfer_id};
  }

  // --- the plan ------------------------------------------------------------------------------

  // The full check and classification, done once per accepted file.
  const workflows::import_plan& planned(const sdk::answers& so_far) {
    const auto source = accepted(so_far);
    if (!plan_ || plan_->first != source.file() || plan_->second.file.source.sha256 != source.sha256_hex()) {
      plan_.reset();
      plan_.emplace(source.file(), workflows::plan_import(kms(), keys(), source));
    }
    return plan_->second;
  }

  static std::vector<std::string> plan_lines(const workflows::import_plan& plan) {
    const auto& c = plan.counts;
    return {"Users found: " + std::to_string(c.users) + ", keys found: " + std::to_string(c.keys),
            "New users (added with their key history): " + std::to_string(c.new_users),
            "Known users (keys merged, none duplicated): " + std::to_string(c.known_users),
            "Unknown users (alias or e-mail taken here; not imported unless you decide otherwise): " +
                std::to_string(c.unknown_users),
            "The database is backed up before anything changes; the import then lands completely or not at all."};
  }

  // One choice per listed unknown user, "resolve_<user id>": do not import, or merge into one of
  // the users whose alias or e-mail they share.
  static void fill_unknown_page(sdk::page& page, const workflows::import_plan& plan) {
    if (plan.unknown.empty()) {
      page.skip = true;
      return;
    }
    for (const auto& user : plan.unknown) {
      sdk::field choice{std::string(resolve_prefix) + user.user_id,
                        user.email.empty() ? user.alias : user.alias + " <" + user.email + ">",
                        sdk::field_kind::choice, false, {std::string(do_not_import)}, std::string(do_not_import),
                        "Shares its alias or e-mail address with: " + join(user.candidate_aliases)};
      for (const auto& alias : user.candidate_aliases) choice.options.push_back(std::string(merge_into) + alias);
      page.fields.push_back(std::move(choice));
    }
    if (plan.counts.unknown_users > static_cast<std::int64_t>(plan.unknown.size())) {
      page.info.push_back(count(plan.counts.unknown_users - static_cast<std::int64_t>(plan.unknown.size()),
                                "more unknown users are not listed and will not be imported."));
    }
  }

  // The operator's merges, checked against the options the page offered.
  workflows::unknown_resolutions resolutions(const sdk::answers& so_far) {
    workflows::unknown_resolutions chosen;
    const auto& plan = planned(so_far);
    for (const auto& user : plan.unknown) {
      const std::string answer = so_far.text("unknown", std::string(resolve_prefix) + user.user_id);
      if (answer.empty() || answer == do_not_import) continue;
      const std::string alias = answer.starts_with(merge_into) ? answer.substr(merge_into.size()) : std::string();
      if (std::find(user.candidate_aliases.begin(), user.candidate_aliases.end(), alias) == user.candidate_aliases.end()) {
        throw error(errc::bad_input, "For " + user.alias + " choose do-not-import or merge-into: followed by one of " +
                                         join(user.candidate_aliases) + ".");
      }
      chosen.emplace(user.user_id, alias);
    }
    return chosen;
  }

  // --- the outcome ---------------------------------------------------------------------------

  static sdk::summary summary_of(const workflows::import_result& r) {
    std::vector<std::string> left_out = r.not_imported_aliases;
    if (r.not_imported > static_cast<std::int64_t>(left_out.size()))
      left_out.push_back(count(r.not_imported - static_cast<std::int64_t>(left_out.size()), "more"));
    return sdk::summary{"The users were imported",
                        {{"imported", "Users imported", std::to_string(r.imported), {}},
                         {"merged", "Users merged into existing users", std::to_string(r.merged), {}},
                         {"keys_imported", "Keys imported", std::to_string(r.keys_imported), {}},
                         {"keys_already_present", "Keys already here (not duplicated)",
                          std::to_string(r.keys_already_present), {}},
                         {"not_imported", "Users not imported (unknown)", std::to_string(r.not_imported), left_out},
                         {"backup", "Backup taken first", r.backup.string(), {}},
                         {"transfer_id", "Transfer id", r.transfer_id, {}},
                         {"next", "Next step", "Run Recover Keys for each user so they get their keys back.", {}}},
                        {}};
  }

  workflows::transfer_listing listing_;  // the File page's, kept while the operator types
  std::optional<std::pair<std::string, workflows::import_source>> preview_;  // by the name typed
  std::optional<std::pair<workflows::import_file, workflows::import_plan>> plan_;
};

}  // namespace

wizard_ptr make_import_users_wizard(const environment& env) { return std::make_unique<import_users_wizard>(env); }

}  // namespace arbor::km::wizards
