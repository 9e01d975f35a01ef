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
                          "The backup holds the keyslots as they are now: it opens with today's administrators' "
                          "passwords, also after they change. Delete old backups after removing an administrator "
                          "who left.",
                          {}}},
                        {}};
  }
};

}  // namespace

wizard_ptr make_back_up_wizard(const environment& env) { return std::make_unique<back_up_wizard>(env); }

}  // namespace arbor::km::wizards
