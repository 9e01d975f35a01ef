#include "workflows/export_preview.hpp"

#include "store/users.hpp"
#include "workflows/ca_settings.hpp"

namespace arbor::km::workflows {

std::int64_t user_count(key_manager& kms) { return store::user_repository(kms.db()).count(); }

std::vector<std::string> user_aliases(key_manager& kms, std::int64_t limit) {
  std::vector<std::string> aliases;
  for (const auto& user : store::user_repository(kms.db()).list({0, limit})) aliases.push_back(user.alias);
  return aliases;
}

bool certificate_services_configured(key_manager& kms) { return !read_ca_settings(kms.db()).base_url.empty(); }

}  // namespace arbor::km::workflows
