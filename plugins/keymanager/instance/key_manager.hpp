#pragma once
// One Key Manager: its KMSData directory opened and checked, the database at the current schema,
// the master key and the server identity loaded. A new directory is initialized on first use.
// Wizards open a fresh key_manager per task, so nothing (least of all a login) is cached.
#include "common/clock.hpp"
#include "crypto/sealing.hpp"
#include "crypto/server_identity.hpp"
#include "store/data_directory.hpp"
#include "store/sqlite.hpp"

#include <chrono>
#include <filesystem>
#include <string>

namespace arbor::km {

/// How a new Key Manager's identity is made. Ignored when the directory is already initialized.
struct identity_options {
  crypto::key_type type = crypto::key_type::rsa3072;
  std::string common_name;  ///< empty: "Key Management Service (<host name>)"
  std::chrono::days validity{3650};
};

class key_manager {
 public:
  /// Opens the Key Manager in `root`, creating and initializing it when the directory holds no
  /// Key Manager yet (database, master key, identity, the initial administrator). Refuses with
  /// errc::corrupt, naming the missing or damaged file and what to do, when the directory is
  /// half there: a database without its master key, an identity without its key, and so on.
  /// Exports interrupted by a crash are resolved here (interrupted_exports.hpp).
  static key_manager open(const std::filesystem::path& root, const identity_options& init,
                          const km::clock& clock);

  store::sqlite::connection& db() noexcept { return db_; }
  const store::data_directory& directory() const noexcept { return dir_; }
  const crypto::master_key& master() const noexcept { return master_; }
  const crypto::server_identity& identity() const noexcept { return identity_; }
  const km::clock& clock() const noexcept { return *clock_; }

 private:
  key_manager(store::data_directory dir, crypto::master_key master, crypto::server_identity identity,
              store::sqlite::connection db, const km::clock& clock);

  store::data_directory dir_;
  crypto::master_key master_;
  crypto::server_identity identity_;
  store::sqlite::connection db_;
  const km::clock* clock_;
};

/// "rsa3072" or "ec-p384" (the configuration value `identity.key-type`); errc::bad_input otherwise.
crypto::key_type parse_key_type(std::string_view text);

}  // namespace arbor::km
