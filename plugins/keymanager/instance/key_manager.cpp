#include "instance/key_manager.hpp"

#include "common/km_error.hpp"
#include "instance/interrupted_exports.hpp"
#include "store/backup.hpp"
#include "store/schema.hpp"

#include <unistd.h>

#include <array>
#include <utility>

namespace arbor::km {
namespace {

namespace fs = std::filesystem;

std::string default_common_name() {
  std::array<char, 256> host{};
  if (gethostname(host.data(), host.size() - 1) != 0 || host[0] == '\0') return "Key Management Service";
  return "Key Management Service (" + std::string(host.data()) + ")";
}

// What of a Key Manager a directory already holds.
struct found_files {
  bool database;
  bool master_key;
  bool certificate;
  bool sealed_key;
  bool backups;
};

found_files survey(const store::data_directory& dir) {
  return {fs::exists(dir.database()), fs::exists(dir.master_key()), fs::exists(dir.certificate()),
          fs::exists(dir.sealed_server_key()), !store::list_backups(dir).empty()};
}

[[noreturn]] void missing(const fs::path& file, const std::string& what_to_do) {
  throw error(errc::corrupt, "The Key Manager's " + file.filename().string() + " is missing from " +
                                 file.parent_path().string() + ": " + what_to_do);
}

crypto::master_key master_key_for_new(const store::data_directory& dir, bool exists) {
  return exists ? crypto::master_key::load_file(dir.master_key())
                : crypto::master_key::create_file(dir.master_key());
}

crypto::server_identity identity_for_new(const store::data_directory& dir, const found_files& found,
                                         const crypto::master_key& master, const identity_options& init,
                                         const km::clock& clock) {
  if (found.certificate && found.sealed_key) return crypto::server_identity::load(dir.root(), master);
  if (found.certificate) missing(dir.sealed_server_key(), "move kms.crt away to create a new identity");
  if (found.sealed_key) missing(dir.certificate(), "move kms.key.sealed away to create a new identity");
  const auto name = init.common_name.empty() ? default_common_name() : init.common_name;
  auto identity = crypto::server_identity::generate(init.type, name, init.validity, clock.now());
  identity.save(dir.root(), master);
  return identity;
}

crypto::server_identity load_identity(const store::data_directory& dir, const crypto::master_key& master) {
  try {
    return crypto::server_identity::load(dir.root(), master);
  } catch (const error& e) {
    if (e.code() != errc::crypto) throw;
    throw error(errc::crypto,
                "master.key in " + dir.root().string() +
                    " does not open this server's identity key: the master key file does not belong "
                    "to this Key Manager. Put the right master.key back.",
                e.technical());
  }
}

}  // namespace

crypto::key_type parse_key_type(std::string_view text) {
  if (text == "rsa3072") return crypto::key_type::rsa3072;
  if (text == "ec-p384") return crypto::key_type::ec_p384;
  throw error(errc::bad_input, "Unknown identity key type '" + std::string(text) +
                                   "': use rsa3072 (the default) or ec-p384.");
}

key_manager::key_manager(store::data_directory dir, crypto::master_key master,
                         crypto::server_identity identity, store::sqlite::connection db,
                         const km::clock& clock)
    : dir_(std::move(dir)),
      master_(std::move(master)),
      identity_(std::move(identity)),
      db_(std::move(db)),
      clock_(&clock) {}

key_manager key_manager::open(const fs::path& root, const identity_options& init, const km::clock& clock) {
  auto dir = store::data_directory::open(root);
  const auto found = survey(dir);
  if (!found.database) {
    // No database: a new Key Manager, or an initialization that was interrupted before the
    // database (always created last) appeared. With backups around, the database was lost.
    if (found.backups)
      missing(dir.database(), "restore it by copying the newest file from " + dir.backups().string() +
                                  " to " + dir.database().string() + ".");
    auto master = master_key_for_new(dir, found.master_key);
    auto identity = identity_for_new(dir, found, master, init, clock);
    auto db = store::schema::open_database(dir.database());
    return key_manager(std::move(dir), std::move(master), std::move(identity), std::move(db), clock);
  }
  if (!found.master_key)
    missing(dir.master_key(), "without it no stored private key can be opened. Put your copy of it back.");
  if (!found.certificate) missing(dir.certificate(), "put your copy of it back.");
  if (!found.sealed_key) missing(dir.sealed_server_key(), "put your copy of it back.");
  auto master = crypto::master_key::load_file(dir.master_key());
  auto identity = load_identity(dir, master);
  auto db = store::schema::open_database(dir.database());
  resolve_interrupted_exports(db, dir, clock.now());
  return key_manager(std::move(dir), std::move(master), std::move(identity), std::move(db), clock);
}

}  // namespace arbor::km
