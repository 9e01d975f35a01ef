#pragma once
// The upgrade of a Key Manager made before schema version 6, whose master.key lay in KMSData and
// opened every key, to the vault (instance/vault.hpp). It runs when administrators first log in:
// 1. a backup of kms.db (it still needs master.key: the operator is told so), and the copy of
//    master.key the operator asked for, if any, beside it;
// 2. one transaction: the vault with a keyslot for each administrator who logged in, the shares
//    split for the key-opening tasks' threshold, the identity key moved into the vault, every
//    user key re-sealed under the vault, and the caller's record of it all (its audit entry);
// 3. master.key and kms.key.sealed overwritten and removed (key_manager::open finishes this step
//    when a crash cut it off: the committed vault is the truth).
// A crash before the commit leaves the old state usable, master.key and all; a crash after it
// loses neither the audit entry nor the kept copy, both written before it.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "common/argon2_params.hpp"
#include "instance/key_manager.hpp"
#include "instance/vault.hpp"

namespace arbor::km {

/// The name of the master.key copy the upgrade keeps when asked, before its UTC time.
inline constexpr std::string_view kept_master_key_prefix = "master.key.before-upgrade-";

/// What an upgrade did, for its record.
struct upgrade_result {
  std::filesystem::path backup;                   ///< taken before; needs the old master.key
  std::optional<std::filesystem::path> kept_key;  ///< the master.key copy the operator asked for
  std::size_t keys = 0;                           ///< user keys re-sealed
};

/// Upgrades `kms` (status upgrade_needed) with the keyslots of `given` (all authenticated by the
/// login already). errc::auth_failed when fewer administrators are given than `threshold`, the
/// number the key-opening tasks need: the vault could never be opened. With `keep_master_key`,
/// a copy of master.key is written into the backups folder (0600) for the backups taken before.
/// `record` runs inside the upgrade's transaction, with what the upgrade did, so that what it
/// writes (the audit entry) commits with the upgrade or not at all.
void upgrade(key_manager& kms, std::span<const administrator_key> given, std::int64_t threshold,
             const argon2_params& cost, bool keep_master_key, const std::function<void(const upgrade_result&)>& record);

/// Overwrites and removes master.key and kms.key.sealed (nothing when they are gone).
void remove_legacy_key_files(const store::data_directory& dir);

}  // namespace arbor::km
