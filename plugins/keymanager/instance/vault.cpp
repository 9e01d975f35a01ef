#include "instance/vault.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cctype>
#include <utility>

#include "common/hex.hpp"
#include "common/km_error.hpp"
#include "crypto/hkdf.hpp"
#include "crypto/ossl.hpp"
#include "crypto/password_key.hpp"
#include "crypto/shamir.hpp"
#include "store/keyslots.hpp"

namespace arbor::km {
namespace {

constexpr std::size_t secret_size = 32;
constexpr std::size_t vault_id_size = 16;
constexpr std::string_view identity_label = "kms-identity";

secret random_secret(std::size_t size) {
  secret bytes(size);
  crypto::ossl::require_ok(RAND_priv_bytes(bytes.data(), static_cast<int>(size)), "could not draw random bytes");
  return bytes;
}

std::string folded(std::string_view name) {
  std::string out(name);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Each kind of blob names the vault and the administrator it belongs to, so a row copied from
// another Key Manager, or to another administrator, no longer opens.
std::string slot_place(std::span<const std::uint8_t> vault_id, std::string_view name) {
  return to_hex(vault_id) + "|" + folded(name);
}
// The private key also names the escrow public key, which V derives: a share is sealed to a public
// key anyone can read, so without this someone who writes kms.db could plant shares of a V of their
// own, with its escrow key, and the administrators' passwords would open it without a word.
std::string private_key_binding(std::span<const std::uint8_t> vault_id, std::span<const std::uint8_t> escrow_public,
                                std::string_view name) {
  return "arbor-km keyslot private key v2|" + slot_place(vault_id, name) + "|" + to_hex(escrow_public);
}
std::string share_binding(std::span<const std::uint8_t> vault_id, std::string_view name, std::int64_t threshold,
                          std::int64_t x) {
  return "arbor-km keyslot share v1|" + slot_place(vault_id, name) + "|" + std::to_string(threshold) + "|" +
         std::to_string(x);
}
std::string pepper_binding(std::span<const std::uint8_t> vault_id) {
  return "arbor-km vault pepper v1|" + to_hex(vault_id);
}

secret derived(const secret& v, std::span<const std::uint8_t> vault_id, std::string_view label) {
  return crypto::hkdf_sha256({v.data(), v.size()}, vault_id, label);
}

std::vector<std::uint8_t> public_key_mac(const secret& mac_key, std::span<const std::uint8_t> vault_id,
                                         std::string_view name, std::span<const std::uint8_t> public_key) {
  const std::string text = "arbor-km keyslot public key v1|" + slot_place(vault_id, name) + "|" + to_hex(public_key);
  std::vector<std::uint8_t> mac(EVP_MAX_MD_SIZE);
  std::size_t length = 0;
  crypto::ossl::require(EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, mac_key.data(), mac_key.size(),
                                  reinterpret_cast<const unsigned char*>(text.data()), text.size(), mac.data(),
                                  mac.size(), &length),
                        "could not authenticate a keyslot");
  mac.resize(length);
  return mac;
}

bool same_bytes(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

secret xored(const secret& a, const secret& b) {
  secret out(a);
  for (std::size_t i = 0; i < out.size() && i < b.size(); ++i) out.data()[i] ^= b.data()[i];
  return out;
}

store::vault_record stored_vault(store::keyslot_repository& slots) {
  auto v = slots.vault();
  if (!v) throw error(errc::corrupt, "This Key Manager's database has no vault: restore kms.db from a backup.");
  return std::move(*v);
}

secret pepper_of(const store::vault_record& v, const token_opener& open_token) {
  if (v.token_wrapped.empty()) return secret(secret_size);
  if (!open_token) {
    throw error(errc::bad_input,
                "This Key Manager's keys also need its HSM token: configure keys.pkcs11-module and "
                "keys.pkcs11-token and give the token's PIN.");
  }
  crypto::pkcs11_token token = open_token();
  try {
    return token.unwrap(v.token_wrapped, pepper_binding(v.vault_id));
  } catch (const error& e) {
    if (e.code() != errc::crypto) throw;
    throw error(errc::crypto,
                "The configured HSM token does not open this Key Manager's keys: it is not the token "
                "they were wrapped with.",
                e.technical());
  }
}

// The slot's private key, opened with the administrator's password.
crypto::x25519_private_key open_slot(const store::keyslot_record& slot, const store::vault_record& v,
                                     const secret& password) {
  const crypto::sealing_key key(crypto::password_key(password, slot.salt, slot.cost));
  try {
    return crypto::x25519_private_key::from_seed(key.unseal(
        slot.private_key_sealed, private_key_binding(v.vault_id, v.escrow_public_key, slot.administrator)));
  } catch (const error& e) {
    if (e.code() != errc::crypto) throw;
    throw error(errc::crypto,
                "The keyslot of administrator '" + slot.administrator +
                    "' does not open with the password that logged in: the keyslots in this database "
                    "do not belong to its administrators (edited, or copied from another Key Manager). "
                    "No key was opened; restore kms.db from a backup you trust.",
                e.technical());
  }
}

crypto::shamir::share share_of(const store::keyslot_record& slot, std::span<const std::uint8_t> vault_id,
                               const crypto::x25519_private_key& slot_key) {
  if (slot.share_x < 1 || slot.share_x > 255)
    throw error(errc::corrupt, "The keyslot of '" + slot.administrator + "' is damaged: restore kms.db from a backup.");
  try {
    return {static_cast<std::uint8_t>(slot.share_x),
            crypto::open_sealed(slot_key, slot.share_sealed,
                                share_binding(vault_id, slot.administrator, slot.share_threshold, slot.share_x))};
  } catch (const error& e) {
    if (e.code() != errc::crypto) throw;
    throw error(errc::crypto,
                "The share in the keyslot of '" + slot.administrator +
                    "' does not open: it was altered or copied from elsewhere. No key was opened.",
                e.technical());
  }
}

std::int64_t highest_threshold(const std::vector<store::keyslot_record>& slots) {
  std::int64_t most = 1;
  for (const auto& slot : slots) most = std::max(most, slot.share_threshold);
  return most;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

opened_vault::opened_vault(secret v, secret pepper, std::vector<std::uint8_t> vault_id,
                           std::vector<std::uint8_t> token_wrapped)
    : v_(std::move(v)),
      pepper_(std::move(pepper)),
      vault_id_(std::move(vault_id)),
      token_wrapped_(std::move(token_wrapped)),
      escrow_(crypto::x25519_private_key::from_seed(derived(v_, vault_id_, "arbor-km vault escrow key v1"))),
      user_keys_(derived(v_, vault_id_, "arbor-km vault user keys v1")),
      identity_sealing_(derived(v_, vault_id_, "arbor-km vault identity key v1")),
      mac_key_(derived(v_, vault_id_, "arbor-km vault keyslot mac v1")) {}

bool vault::exists() { return store::keyslot_repository(db_).vault().has_value(); }

opened_vault vault::create(crypto::server_identity identity, const administrator_key& first,
                           const argon2_params& cost, crypto::pkcs11_token* token) {
  store::keyslot_repository slots(db_);
  auto id = random_secret(vault_id_size);
  std::vector<std::uint8_t> vault_id(id.data(), id.data() + id.size());
  opened_vault keys(random_secret(secret_size), secret(secret_size), vault_id, {});
  store::vault_record record{vault_id, {}, keys.identity_sealing_.seal(identity.key().to_pkcs8_der(), identity_label),
                             identity.cert().der(), {}};
  const auto escrow_public = keys.escrow_.public_key().bytes();
  record.escrow_public_key.assign(escrow_public.begin(), escrow_public.end());
  slots.create_vault(record);
  keys.identity_.emplace(std::move(identity));
  add_keyslot(keys, first, cost);
  if (token != nullptr) set_token(keys, token);
  else share_out(keys, 1);
  return keys;
}

vault_snapshot vault::snapshot(std::span<const administrator_key> given) {
  const store::sqlite::read_snapshot one_view(db_);
  store::keyslot_repository slots(db_);
  vault_snapshot read{stored_vault(slots), highest_threshold(slots.list()), {}};
  for (const auto& admin : given) read.given.push_back({admin, slots.find(admin.name)});
  return read;
}

opened_vault vault::open(const vault_snapshot& read, const token_opener& token) {
  const store::vault_record& v = read.vault;
  std::vector<crypto::shamir::share> shares;
  std::vector<std::string> without;
  for (const auto& [admin, slot] : read.given) {
    if (!slot) {
      without.push_back(admin.name);
      continue;
    }
    shares.push_back(share_of(*slot, v.vault_id, open_slot(*slot, v, *admin.password)));
  }
  if (static_cast<std::int64_t>(shares.size()) < read.threshold) {
    throw error(errc::auth_failed,
                "Opening this Key Manager's keys needs the passwords of " + std::to_string(read.threshold) +
                    " administrators with a keyslot; " + std::to_string(shares.size()) + " given" +
                    (without.empty() ? "" : " (" + joined(without) + " has no keyslot yet: an administrator "
                                            "with one sets their password on the Administrators tab)") + ".");
  }
  const secret pepper = pepper_of(v, token);
  opened_vault keys(xored(crypto::shamir::combine(shares), pepper), pepper, v.vault_id, v.token_wrapped);
  const auto stored = crypto::x25519_public_key::from_bytes(v.escrow_public_key, "the escrow public key");
  if (!(keys.escrow_.public_key() == stored)) {
    std::vector<std::string> names;
    for (const auto& given : read.given) names.push_back(given.admin.name);
    throw error(errc::crypto,
                "The keyslots of " + joined(names) + " do not open this Key Manager's keys: the vault or its keyslots were altered or copied "
                       "from another Key Manager. No key was opened; restore kms.db from a backup you trust.");
  }
  const auto cert = crypto::certificate::from_bytes(v.identity_cert_der, "the server identity certificate");
  keys.identity_.emplace(crypto::server_identity::from_parts(
      crypto::private_key::from_pkcs8_der(keys.identity_sealing_.unseal(v.identity_key_sealed, identity_label)), cert));
  return keys;
}

opened_vault vault::open(std::span<const administrator_key> given, const token_opener& token) {
  return open(snapshot(given), token);
}

std::int64_t vault::threshold() { return highest_threshold(store::keyslot_repository(db_).list()); }

std::vector<std::string> vault::keyslot_holders() {
  std::vector<std::string> names;
  for (const auto& slot : store::keyslot_repository(db_).list()) names.push_back(slot.administrator);
  return names;
}

crypto::x25519_public_key vault::escrow_public_key() {
  store::keyslot_repository slots(db_);
  return crypto::x25519_public_key::from_bytes(stored_vault(slots).escrow_public_key, "the escrow public key");
}

crypto::certificate vault::identity_certificate() {
  store::keyslot_repository slots(db_);
  return crypto::certificate::from_bytes(stored_vault(slots).identity_cert_der, "the server identity certificate");
}

bool vault::needs_token() {
  store::keyslot_repository slots(db_);
  return !stored_vault(slots).token_wrapped.empty();
}

void vault::add_keyslot(const opened_vault& keys, const administrator_key& admin, const argon2_params& cost) {
  const auto slot_key = crypto::x25519_private_key::generate();
  const auto salt = crypto::new_password_salt();
  const crypto::sealing_key password_key(crypto::password_key(*admin.password, salt, cost));
  const auto public_key = slot_key.public_key().bytes();
  const auto escrow_public = keys.escrow_.public_key().bytes();
  store::keyslot_record slot{admin.name,
                             salt,
                             cost,
                             {public_key.begin(), public_key.end()},
                             password_key.seal(slot_key.seed(), private_key_binding(keys.vault_id_, escrow_public, admin.name)),
                             public_key_mac(keys.mac_key_, keys.vault_id_, admin.name, public_key),
                             1,
                             1,
                             {}};
  store::keyslot_repository(db_).put(slot);
}

void vault::require_opened_from_stored(const opened_vault& keys) {
  store::keyslot_repository slots(db_);
  const auto v = stored_vault(slots);
  if (v.vault_id != keys.vault_id_ || v.token_wrapped != keys.token_wrapped_) {
    throw error(errc::conflict,
                "This Key Manager's keys changed while this task had them open (another task bound or removed "
                "its HSM token, or restored the database): nothing was changed. Run the task again.");
  }
}

void vault::share_out(const opened_vault& keys, std::int64_t threshold) {
  require_opened_from_stored(keys);
  store::keyslot_repository slots(db_);
  auto all = slots.list();
  if (threshold < 1 || static_cast<std::int64_t>(all.size()) < threshold) {
    throw error(errc::bad_input, "Keys cannot need " + std::to_string(threshold) + " administrators: only " +
                                     std::to_string(all.size()) + " have a keyslot.");
  }
  const auto shares = crypto::shamir::split(xored(keys.v_, keys.pepper_), static_cast<unsigned>(threshold),
                                            static_cast<unsigned>(all.size()));
  for (std::size_t i = 0; i < all.size(); ++i) {
    auto& slot = all[i];
    if (!same_bytes(slot.public_key_mac, public_key_mac(keys.mac_key_, keys.vault_id_, slot.administrator, slot.public_key))) {
      throw error(errc::crypto, "The keyslot of '" + slot.administrator +
                                    "' was altered (its public key is not the one the vault gave it): no share "
                                    "was given. Restore kms.db from a backup you trust.");
    }
    slot.share_threshold = threshold;
    slot.share_x = shares[i].x;
    slot.share_sealed = crypto::seal_to(crypto::x25519_public_key::from_bytes(slot.public_key, "a keyslot's public key"),
                                        shares[i].y, share_binding(keys.vault_id_, slot.administrator, threshold, shares[i].x));
    slots.put(slot);
  }
}

void vault::set_token(opened_vault& keys, crypto::pkcs11_token* token) {
  require_opened_from_stored(keys);
  if (token == nullptr) {
    keys.pepper_ = secret(secret_size);
    keys.token_wrapped_.clear();
  } else {
    keys.pepper_ = random_secret(secret_size);
    keys.token_wrapped_ = token->wrap(keys.pepper_, pepper_binding(keys.vault_id_));
  }
  store::keyslot_repository(db_).set_token_wrapped(keys.token_wrapped_);
  share_out(keys, threshold());
}

void vault::change_password(std::string_view name, const secret& old_password, const secret& new_password,
                            const argon2_params& cost) {
  store::keyslot_repository slots(db_);
  auto slot = slots.find(name);
  if (!slot) return;
  const auto v = stored_vault(slots);
  const auto slot_key = open_slot(*slot, v, old_password);
  slot->salt = crypto::new_password_salt();
  slot->cost = cost;
  slot->private_key_sealed =
      crypto::sealing_key(crypto::password_key(new_password, slot->salt, cost))
          .seal(slot_key.seed(), private_key_binding(v.vault_id, v.escrow_public_key, slot->administrator));
  slots.put(*slot);
}

}  // namespace arbor::km
