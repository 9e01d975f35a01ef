#pragma once
// What every Key Manager wizard gets from the plugin: where the KMSData directory is, how a new
// one is initialized, and the console services it reports to. Plain data, copied per wizard.
#include "common/clock.hpp"
#include "auth/password_hash.hpp"
#include "instance/key_manager.hpp"

#include <arbor/sdk/services.hpp>

#include <filesystem>

namespace arbor::km::wizards {

struct environment {
  std::filesystem::path data_dir;
  identity_options identity;
  auth::argon2_params argon2;
  const km::clock* clock = nullptr;  ///< never null once the plugin is attached
  sdk::progress* progress = nullptr;   ///< may be null: no progress shown, never cancelled
  sdk::log* log = nullptr;             ///< may be null
};

}  // namespace arbor::km::wizards
