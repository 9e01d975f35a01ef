// Restore Database: replaces kms.db with a backup after checking it, keeping what it replaces.
#include "common/km_error.hpp"
#include "instance/key_sealing.hpp"
#include "store/backup.hpp"
#include "common/utc_time.hpp"
#include "wizards/factories.hpp"
#include "wizards/task_wizard.hpp"

#include <filesystem>
#include <system_error>

namespace arbor::km::wizards {
namespace {

namespace fs = std::filesystem;

class restore_wizard final : public task_wizard {
 public:
  explicit restore_wizard(const environment& env) : task_wizard(env, "Restore Database") {}

 private:
  std::string policy_task(const sdk::answers&) const override { return "restore-database"; }

  std::vector<sdk::page> task_pages() const override {
    sdk::field file{"file", "Backup to restore", sdk::field_kind::path, true, {}, {},
                    "A file name in the backups folder, or the full path of a backup."};
    sdk::field confirm{"confirm", "Replace the current database with this backup", sdk::field_kind::confirmation,
                       true, {}, "no", "The current database is copied to backups/pre-restore-<time>.db first."};
    return {sdk::page{"backup", "Backup", "Choose the backup to restore.", {}, {file, confirm}, false}};
  }

  fs::path chosen(const sdk::answers& so_far) {
    const fs::path given = so_far.text("backup", "file");
    if (given.empty()) throw error(errc::bad_input, "Name the backup to restore.");
    if (given.has_parent_path()) return given;
    return kms().directory().backups() / given;
  }

  sdk::page prepare_page(const sdk::page& declared, const sdk::answers&) override {
    auto page = declared;
    const auto backups = store::list_backups(kms().directory());
    if (backups.empty()) page.info.push_back("There are no backups in " + kms().directory().backups().string() + ".");
    for (const auto& b : backups) page.info.push_back("Available: " + b.filename().string());
    return page;
  }

  void validate_page(std::string_view, const sdk::answers& so_far) override {
    const auto file = chosen(so_far);
    std::error_code unreadable;  // a name too long for the file system, say: no such backup either
    if (!fs::is_regular_file(file, unreadable))
      throw error(errc::bad_input, "There is no backup '" + file.string() + "': pick one of the files listed.");
    if (!so_far.yes("backup", "confirm"))
      throw error(errc::bad_input, "Confirm that the current database is to be replaced (field 'confirm').");
  }

  // "Warning: ..." for an export the backup predates: the users it took are back here.
  static std::string returned_warning(const store::returned_export& r) {
    std::string who = std::to_string(r.users_back) + " of the " + std::to_string(r.transfer.users) + " users it took";
    if (!r.aliases.empty()) {
      who += " (";
      for (std::size_t i = 0; i < r.aliases.size(); ++i) who += (i == 0 ? "" : ", ") + r.aliases[i];
      who += r.users_back > static_cast<std::int64_t>(r.aliases.size()) ? ", ...)" : ")";
    }
    return "Warning: this backup was taken before export " + r.transfer.transfer_id + " of " +
           utc_text(r.transfer.at) + " (file " + r.transfer.file_name + "); " + who +
           " are back on this server. Exporting them again to the same server needs an explicit choice.";
  }

  sdk::summary run_task(const sdk::answers& all) override {
    const auto file = chosen(all);
    const auto result = store::restore(kms().db(), kms().directory(), file, kms().clock().now(),
                                       [this](store::sqlite::connection& restored) {
                                         km::check_sealed_keys(kms().master(), restored);
                                       });
    std::vector<std::string> warnings;
    for (const auto& r : result.returned) warnings.push_back(returned_warning(r));
    std::string detail = file.string() + " (previous database kept as " + result.pre_restore_copy.string() + ")";
    for (const auto& w : warnings) detail += "; " + w;
    // The audit log was replaced with the backup's; this entry records the restore in the new one.
    audit("database-restored", detail);
    sdk::summary s{"The database was restored",
                   {{"restored", "Restored from", file.string(), {}},
                    {"previous", "Previous database kept as", result.pre_restore_copy.string(), {}},
                    {"schema", "Backup schema version", std::to_string(result.backup_version), {}}},
                   {}};
    if (!warnings.empty())
      s.items.push_back({"exported_users_back", "Exported users back on this server", std::to_string(warnings.size()) +
                         " exports", warnings});
    return s;
  }
};

}  // namespace

wizard_ptr make_restore_wizard(const environment& env) { return std::make_unique<restore_wizard>(env); }

}  // namespace arbor::km::wizards
