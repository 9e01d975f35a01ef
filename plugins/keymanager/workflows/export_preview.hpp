#pragma once
// What the Export Users wizard shows before anything is chosen: how many users this server has,
// their aliases to pick from, and whether Certificate Services will be asked to revoke.
#include <cstdint>
#include <string>
#include <vector>

#include "instance/key_manager.hpp"

namespace arbor::km::workflows {

std::int64_t user_count(key_manager& kms);
// The first `limit` aliases, in alias order.
std::vector<std::string> user_aliases(key_manager& kms, std::int64_t limit);
// False when no Certificate Services address is set: every certificate will wait in the
// pending-revocation queue.
bool certificate_services_configured(key_manager& kms);

}  // namespace arbor::km::workflows
