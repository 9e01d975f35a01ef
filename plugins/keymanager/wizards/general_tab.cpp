// Properties > General: who this server is (identity, short code and thumbprints) and where its
// data lives.
#include "common/utc_time.hpp"
#include "wizards/factories.hpp"
#include "wizards/task_wizard.hpp"
#include "workflows/server_facts.hpp"

#include <chrono>

namespace arbor::km::wizards {
namespace {

class general_tab final : public task_wizard {
 public:
  explicit general_tab(const environment& env) : task_wizard(env, "General") {}

 private:
  std::string policy_task(const sdk::answers&) const override { return "general"; }
  std::vector<sdk::page> task_pages() const override { return {}; }

  sdk::summary run_task(const sdk::answers&) override {
    const auto facts = workflows::read_server_facts(kms());
    return sdk::summary{
        "General",
        {{"subject", "Server identity", facts.subject, {}},
         {"key", "Key", facts.key_algorithm, {}},
         {"short_code", "Short code", facts.short_code, {}},
         {"sha1", "SHA-1 thumbprint", facts.sha1, {}},
         {"sha256", "SHA-256 thumbprint", facts.sha256, {}},
         {"valid_from", "Valid from", utc_text(facts.valid_from), {}},
         {"valid_to", "Valid to", utc_text(facts.valid_to), {}},
         {"data_directory", "Data directory", facts.data_directory.string(), {}},
         {"schema", "Database schema version", std::to_string(facts.schema_version), {}},
         {"users", "Users", std::to_string(facts.users), {}}},
        {}};
  }
};

}  // namespace

wizard_ptr make_general_tab(const environment& env) { return std::make_unique<general_tab>(env); }

}  // namespace arbor::km::wizards
