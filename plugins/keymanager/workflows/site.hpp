#pragma once
// How to open this Key Manager: where its KMSData directory is, how a new one is initialized
// (its identity), what an administrator's password costs to check, and its clock. Plain data the
// plugin builds once from the host's configuration; every task opens the Key Manager afresh
// from it, so nothing (least of all a login) is cached.
#include "auth/password_hash.hpp"
#include "common/clock.hpp"
#include "instance/key_manager.hpp"

#include <filesystem>
#include <optional>

namespace arbor::km::workflows {

/// The opened Key Manager (data directory, database, identity certificate, vault) the workflows run on.
using km::key_manager;
using km::identity_options;
using km::parse_key_type;
using auth::argon2_params;
using crypto::pkcs11_config;

struct site {
  std::filesystem::path data_dir;
  identity_options identity;
  argon2_params argon2;
  const km::clock* clock = nullptr;  ///< never null once the plugin is attached
  /// keys.keep-legacy-master-key: the upgrade from master.key keeps a copy of it in the backups
  /// folder, for the backups taken before (which need it). Off: the key is overwritten and gone.
  bool keep_legacy_master_key = false;
  /// keys.pkcs11-module, keys.pkcs11-token (and keys.pkcs11-key-label): the HSM token that is the
  /// keys' second factor (workflows/key_opening.hpp). None: the passwords alone open the keys.
  std::optional<pkcs11_config> pkcs11{};
};

/// Opens the Key Manager of `where` (key_manager::open), initializing a new directory: its
/// identity, its vault and the initial administrator (auth::initial_admin_name, with the initial
/// password, to be changed), whose keyslot opens it.
key_manager open(const site& where);

}  // namespace arbor::km::workflows
