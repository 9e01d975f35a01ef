// Properties > General: who this server is (identity, short code and thumbprints) and where its
// data lives.
#include "crypto/short_code.hpp"
#include "crypto/thumbprint.hpp"
#include "store/schema.hpp"
#include "store/users.hpp"
#include "common/utc_time.hpp"
#include "wizards/factories.hpp"
#include "wizards/task_wizard.hpp"

#include <chrono>

namespace arbor::km::wizards {
namespace {

std::int64_t unix_seconds(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

class general_tab final : public task_wizard {
 public:
  explicit general_tab(const environment& env) : task_wizard(env, "General") {}

 private:
  std::string policy_task(const sdk::answers&) const override { return "general"; }
  std::vector<sdk::page> task_pages() const override { return {}; }

  sdk::summary run_task(const sdk::answers&) override {
    const auto& cert = kms().identity().cert();
    return sdk::summary{
        "General",
        {{"subject", "Server identity", cert.subject(), {}},
         {"key", "Key", cert.key_algorithm(), {}},
         {"short_code", "Short code", crypto::grouped(crypto::short_code(cert)), {}},
         {"sha1", "SHA-1 thumbprint", crypto::with_colons(crypto::sha1_hex(cert)), {}},
         {"sha256", "SHA-256 thumbprint", crypto::with_colons(crypto::sha256_hex(cert)), {}},
         {"valid_from", "Valid from", utc_text(unix_seconds(cert.not_before())), {}},
         {"valid_to", "Valid to", utc_text(unix_seconds(cert.not_after())), {}},
         {"data_directory", "Data directory", kms().directory().root().string(), {}},
         {"schema", "Database schema version", std::to_string(store::schema::version_of(kms().db())), {}},
         {"users", "Users", std::to_string(store::user_repository(kms().db()).count()), {}}},
        {}};
  }
};

}  // namespace

wizard_ptr make_general_tab(const environment& env) { return std::make_unique<general_tab>(env); }

}  // namespace arbor::km::wizards
