#pragma once
// Opening a Key Manager for a test as the plugin does (workflows::open: a new directory gets its
// identity, its vault and the initial administrator admin/password), with Argon2id at its floor
// so that tests stay fast, and opening its keys as that administrator.
#include "common/clock.hpp"
#include "workflows/site.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace arbor::km::testing {

inline constexpr argon2_params cheap_argon2{1, 8 * 1024, 1};

inline workflows::site test_site(const std::filesystem::path& dir, identity_options identity, const km::clock& clock) {
  workflows::site where;
  where.data_dir = dir;
  where.identity = std::move(identity);
  where.argon2 = cheap_argon2;
  where.clock = &clock;
  return where;
}

inline key_manager open_test_kms(const std::filesystem::path& dir, identity_options identity, const km::clock& clock) {
  return workflows::open(test_site(dir, std::move(identity), clock));
}

/// The keys of `kms`, opened with the keyslot of one administrator.
inline opened_vault admin_keys(key_manager& kms, std::string_view name = "admin", std::string_view password = "password") {
  const secret typed(password);
  const std::vector<administrator_key> given{{std::string(name), &typed}};
  return kms.vault().open(given, nullptr);
}

}  // namespace arbor::km::testing
