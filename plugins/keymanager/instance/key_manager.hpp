#pragma once
// One Key Manager: its KMSData directory opened and checked, the database at the current schema,
// and what of it is public: the identity certificate and the vault (instance/vault.hpp), which
// only administrators' passwords open. Wizards open a fresh key_manager per task, so nothing
// (least of all a login or an opened key) is cached.
#include "common/clock.hpp"
#include "crypto/certificate.hpp"
#include "crypto/server_identity.hpp"
#include "instance/vault.hpp"
#include "store/data_directory.hpp"
#include "store/sqlite.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

namespace arbor::km {

/// How a new Key Manager's identity is made. Ignored when the directory is already initialized.
struct identity_options {
  crypto::key_type type = crypto::key_type::rsa3072;
  std::string common_name;  ///< empty: "Key Management Service (<host>:<data directory>)" (identity_name.hpp)
  std::chrono::days validity{3650};
};

class key_manager {
 public:
  enum class state {
    ready,           ///< the vault is there
    upgrade_needed,  ///< made before schema version 6: master.key still opens its keys
    new_directory,   ///< nothing yet: initialize() makes the identity, the vault and the first administrator
  };

  /// Opens the Key Manager in `root` (creating the directory and an empty database when it holds
  /// none). Refuses with errc::corrupt, naming the missing or damaged file and what to do, when
  /// the directory is half there: backups without a database, a master.key without its sealed
  /// identity key, and so on. Exports interrupted by a crash are resolved here
  /// (interrupted_exports.hpp); an upgrade interrupted after its commit is finished here.
  static key_manager open(const std::filesystem::path& root, const km::clock& clock);

  state status() const noexcept { return state_; }
  store::sqlite::connection& db() noexcept { return db_; }
  const store::data_directory& directory() const noexcept { return dir_; }
  /// The server identity's certificate. errc::internal in a new directory.
  const crypto::certificate& certificate() const;
  km::vault vault() { return km::vault(db_); }
  /// The key new users' keys are sealed to, with no administrator present. errc::bad_input while
  /// the upgrade from master.key is still due (an administrator has to log in first).
  crypto::x25519_public_key escrow_public_key();
  const km::clock& clock() const noexcept { return *clock_; }

  /// Makes a new directory's identity and vault, with `first` as its keyslot, in one transaction
  /// (`add_first_administrator` runs in it first, to write the administrator's row), then writes
  /// kms.crt; when another connection made them since open(), takes those. The Key Manager is
  /// ready afterwards.
  template <typename AddAdministrator>
  void initialize(const identity_options& init, const administrator_key& first, const argon2_params& cost,
                  AddAdministrator&& add_first_administrator) {
    store::sqlite::transaction tx(db_);
    // Another connection opening the new directory at the same time may have made it meanwhile.
    if (vault().exists()) {
      finish_initialization();
      return;
    }
    add_first_administrator(db_);
    initialize_vault(init, first, cost);
    tx.commit();
    finish_initialization();
  }

  /// Marks an upgrade done (instance/upgrade.hpp): the vault now holds the keys.
  void upgraded();

 private:
  key_manager(store::data_directory dir, state s, std::optional<crypto::certificate> cert, store::sqlite::connection db,
              const km::clock& clock);
  void initialize_vault(const identity_options& init, const administrator_key& first, const argon2_params& cost);
  void finish_initialization();

  store::data_directory dir_;
  state state_;
  std::optional<crypto::certificate> certificate_;
  store::sqlite::connection db_;
  const km::clock* clock_;
};

/// "rsa3072" or "ec-p384" (the configuration value `identity.key-type`); errc::bad_input otherwise.
crypto::key_type parse_key_type(std::string_view text);

}  // namespace arbor::km
