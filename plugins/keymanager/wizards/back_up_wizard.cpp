// Back Up Database: an online copy of kms.db into backups/, taken while the Key Manager runs.
#include "workflows/back_up.hpp"
#include "wizards/factories.hpp"
#include "wizards/task_wizard.hpp"

namespace arbor::km::wizards {
namespace {

class back_up_wizard final : public task_wizard {
 public:
  explicit back_up_wizard(const environment& env) : task_wizard(env, "Back Up Database") {}

 private:
  std::string policy_task(const sdk::answers&) const override { return "back-up-database"; }
  std::vector<sdk::page> task_pages() const override { return {}; }

  sdk::summary run_task(const sdk::answers&) override {
    const auto done = workflows::back_up(kms(), {authorization().actor()});
    return sdk::summary{"The database was backed up",
                        {{"backup", "Backup", done.file.string(), {}},
                         {"note", "Note",
                          "The backup holds private keys sealed under master.key: keep a copy of master.key "
                          "apart from it, or the backup cannot be used on another machine.",
                          {}}},
                        {}};
  }
};

}  // namespace

wizard_ptr make_back_up_wizard(const environment& env) { return std::make_unique<back_up_wizard>(env); }

}  // namespace arbor::km::wizards
