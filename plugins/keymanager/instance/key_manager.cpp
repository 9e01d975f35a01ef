#include "instance/key_manager.hpp"

#include "common/km_error.hpp"
#include "instance/identity_name.hpp"
#include "instance/interrupted_exports.hpp"
#include "instance/upgrade.hpp"
#include "store/backup.hpp"
#include "store/schema.hpp"

#include <unistd.h>

#include <array>
#include <utility>

namespace arbor::km {
namespace {

namespace fs = std::filesystem;

std::string default_common_name(const fs::path& root) {
  std::array<char, 256> host{};
  if (gethostname(host.data(), host.size() - 1) != 0) host[0] = '\0';
  return default_identity_name(host.data(), fs::absolute(root).lexically_normal());
}

[[noreturn]] void missing(const fs::path& file, const std::string& what_to_do) {
  throw error(errc::corrupt, "The Key Manager's " + file.filename().string() + " is missing from " +
                                 file.parent_path().string() + ": " + what_to_do);
}

// A directory made before schema version 6 keeps its keys under master.key until an
// administrator logs in: all three files must be there.
void require_legacy_files(const store::data_directory& dir) {
  if (!fs::exists(dir.master_key()))
    missing(dir.master_key(), "without it no stored private key can be opened. Put your copy of it back.");
  if (!fs::exists(dir.certificate())) missing(dir.certificate(), "put your copy of it back.");
  if (!fs::exists(dir.sealed_server_key())) missing(dir.sealed_server_key(), "put your copy of it back.");
}

// The vault is the truth; kms.crt is a copy of its certificate for operators and other servers.
crypto::certificate certificate_of_vault(km::vault& v, const store::data_directory& dir) {
  auto cert = v.identity_certificate();
  if (!fs::exists(dir.certificate()) || crypto::certificate::from_file(dir.certificate()).der() != cert.der())
    crypto::server_identity::write_certificate(cert, dir.root());
  return cert;
}

}  // namespace

crypto::key_type parse_key_type(std::string_view text) {
  if (text == "rsa3072") return crypto::key_type::rsa3072;
  if (text == "ec-p384") return crypto::key_type::ec_p384;
  throw error(errc::bad_input, "Unknown identity key type '" + std::string(text) +
                                   "': use rsa3072 (the default) or ec-p384.");
}

key_manager::key_manager(store::data_directory dir, state s, std::optional<crypto::certificate> cert,
                         store::sqlite::connection db, const km::clock& clock)
    : dir_(std::move(dir)), state_(s), certificate_(std::move(cert)), db_(std::move(db)), clock_(&clock) {}

key_manager key_manager::open(const fs::path& root, const km::clock& clock) {
  auto dir = store::data_directory::open(root);
  if (!fs::exists(dir.database()) && !store::list_backups(dir).empty())
    missing(dir.database(), "restore it by copying the newest file from " + dir.backups().string() + " to " +
                                dir.database().string() + ".");
  const bool legacy = fs::exists(dir.master_key()) || fs::exists(dir.sealed_server_key());
  if (legacy && !fs::exists(dir.database()))
    missing(dir.database(), "master.key and kms.key.sealed are there without it. Put your copy of kms.db back.");
  auto db = store::schema::open_database(dir.database());
  km::vault v(db);
  if (v.exists()) {
    // An upgrade that committed and was cut off before removing the old files ends here.
    if (legacy) remove_legacy_key_files(dir);
    auto cert = certificate_of_vault(v, dir);
    resolve_interrupted_exports(db, dir, clock.now());
    return key_manager(std::move(dir), state::ready, std::move(cert), std::move(db), clock);
  }
  if (!legacy) {
    if (fs::exists(dir.certificate()))
      throw error(errc::corrupt, "kms.crt in " + dir.root().string() +
                                     " belongs to no Key Manager here: move it away to create a new one.");
    return key_manager(std::move(dir), state::new_directory, std::nullopt, std::move(db), clock);
  }
  require_legacy_files(dir);
  auto cert = crypto::certificate::from_file(dir.certificate());
  resolve_interrupted_exports(db, dir, clock.now());
  return key_manager(std::move(dir), state::upgrade_needed, std::move(cert), std::move(db), clock);
}

const crypto::certificate& key_manager::certificate() const {
  if (!certificate_) throw error(errc::internal, "the Key Manager was used before it was initialized");
  return *certificate_;
}

crypto::x25519_public_key key_manager::escrow_public_key() {
  if (state_ == state::upgrade_needed)
    throw error(errc::bad_input,
                "This Key Manager is being upgraded to keyslots: an administrator has to log in to any task "
                "once before keys can be stored. Try again after that.");
  return vault().escrow_public_key();
}

void key_manager::initialize_vault(const identity_options& init, const administrator_key& first,
                                   const argon2_params& cost) {
  const auto name = init.common_name.empty() ? default_common_name(dir_.root()) : init.common_name;
  auto identity = crypto::server_identity::generate(init.type, name, init.validity, clock_->now());
  vault().create(std::move(identity), first, cost, nullptr);
}

void key_manager::finish_initialization() {
  auto v = vault();
  certificate_ = certificate_of_vault(v, dir_);
  state_ = state::ready;
}

void key_manager::upgraded() { finish_initialization(); }

}  // namespace arbor::km
