// Restore Database: replaces kms.db with a backup after checking it, keeping what it replaces.
#include "common/km_error.hpp"
#include "workflows/restore.hpp"
#include "wizards/factories.hpp"
#include "wizards/task_wizard.hpp"

namespace arbor::km::wizards {
namespace {

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

  workflows::backup_file chosen(const sdk::answers& so_far) {
    return workflows::backup_file(kms().directory(), so_far.text("backup", "file"));
  }

  sdk::page prepare_page(const sdk::page& declared, const sdk::answers&) override {
    auto page = declared;
    const auto backups = workflows::list_backups(kms());
    if (backups.names.empty()) page.info.push_back("There are no backups in " + backups.folder.string() + ".");
    for (const auto& name : backups.names) page.info.push_back("Available: " + name);
    return page;
  }

  void validate_page(std::string_view, const sdk::answers& so_far) override {
    chosen(so_far);
    if (!so_far.yes("backup", "confirm"))
      throw error(errc::bad_input, "Answer Yes to 'Replace the current database with this backup' to restore it.");
  }

  sdk::summary run_task(const sdk::answers& all) override {
    const auto result = workflows::restore(kms(), {chosen(all), authorization().actor(),
                                                   workflows::keyslot_keys(authorization(), credentials()),
                                                   {env().site.pkcs11, hsm_pin()}});
    const auto& warnings = result.returned_exports;
    sdk::summary s{"The database was restored",
                   {{"restored", "Restored from", result.restored_from.string(), {}},
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
