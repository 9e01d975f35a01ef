#pragma once
// The vault: what opens this Key Manager's keys. Nothing on disk opens it; administrators'
// passwords do (and the HSM token, where one is configured). docs/key-protection.md gives the
// threat model and the tests that prove each line.
//
// - The vault secret V: 32 random bytes, never stored. Shamir-shared with threshold N (the number
//   of administrators the key-opening tasks need; N = 1 gives every share equal to V) among the
//   administrators' keyslots.
// - A keyslot per administrator: an X25519 key pair whose private half is sealed under
//   Argon2id(password, the slot's own salt and cost), and the administrator's share of V sealed
//   to its public half. A share is given by whoever has V open, without the holder's password;
//   the public half carries a MAC under a key derived from V, so a public key written into the
//   database by someone without V never receives a share.
// - With an HSM, the shares make S = V xor pepper, where the 32-byte pepper is wrapped by a
//   non-extractable AES key in the token: the passwords alone give S, not V. Adding or removing
//   the token re-splits; V, and every key derived from it, stay.
// - From V (and the pepper) with HKDF, salt = the vault id: the escrow X25519 key (its public
//   half is stored: enrollment seals new user keys to it with no administrator present), the key
//   sealing users' keys when the vault is open, the key sealing the server identity's private
//   key, and the keyslots' MAC key. The stored escrow public key must equal the derived one:
//   that is how a wrong V (too few shares, an edited keyslot) is told apart.
// The login check (auth/) is separate: its Argon2id hash has another salt, so neither a leaked
// login hash gives a keyslot's key nor an edited administrators table opens a keyslot.
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/argon2_params.hpp"
#include "common/secret.hpp"
#include "crypto/pkcs11_token.hpp"
#include "crypto/sealing.hpp"
#include "crypto/server_identity.hpp"
#include "crypto/x25519_seal.hpp"
#include "store/keyslots.hpp"
#include "store/sqlite.hpp"

namespace arbor::km {

/// An administrator's name and password as typed, to open their keyslot.
struct administrator_key {
  std::string name;
  const secret* password = nullptr;
};

/// What opening the vault reads from the database, all read in one snapshot (vault::snapshot):
/// a new split that another connection commits meanwhile is in all of it or in none, so shares of
/// two splits are never combined into a wrong V (which would look like tampering).
struct vault_snapshot {
  struct given_slot {
    administrator_key admin;
    std::optional<store::keyslot_record> slot;  ///< none: the administrator has no keyslot
  };
  store::vault_record vault;
  std::int64_t threshold = 1;
  std::vector<given_slot> given;  ///< in the order given

  bool needs_token() const noexcept { return !vault.token_wrapped.empty(); }
};

/// Opens the HSM token the vault's pepper is wrapped with; empty when no token is configured.
/// vault::open calls it only when the vault needs the token, after the passwords' Argon2id work,
/// and closes the token again after one unwrap: the tasks of a process take a token in turn
/// (crypto::pkcs11_token::open), so each holds it as briefly as it can.
using token_opener = std::function<crypto::pkcs11_token()>;

/// The keys of an opened vault, for one task. Wiped when destroyed.
class opened_vault {
 public:
  const crypto::x25519_private_key& escrow_key() const noexcept { return escrow_; }
  /// Seals users' keys written while the vault is open (an import, the upgrade).
  const crypto::sealing_key& user_keys() const noexcept { return user_keys_; }
  const crypto::server_identity& identity() const noexcept { return *identity_; }

 private:
  friend class vault;
  opened_vault(secret v, secret pepper, std::vector<std::uint8_t> vault_id, std::vector<std::uint8_t> token_wrapped);
  secret v_;
  secret pepper_;
  std::vector<std::uint8_t> vault_id_;
  // The pepper as the vault row held it wrapped when these keys were opened: shares are made of
  // V xor pepper, so they may be given out only while the row still holds this one.
  std::vector<std::uint8_t> token_wrapped_;
  crypto::x25519_private_key escrow_;
  crypto::sealing_key user_keys_;
  crypto::sealing_key identity_sealing_;
  secret mac_key_;
  std::optional<crypto::server_identity> identity_;
};

/// Where the vault is kept: the tables of store/keyslots.hpp in one database.
class vault {
 public:
  explicit vault(store::sqlite::connection& db) : db_(db) {}

  /// True when the database has a vault (schema 6 made it, or the upgrade did).
  bool exists();

  /// Makes the vault of a new Key Manager (in the caller's transaction): a fresh V, the escrow
  /// key, `identity` sealed, and a keyslot for `first` with threshold 1. With `token`, the
  /// pepper is wrapped by it. errc::conflict when there is a vault already.
  opened_vault create(crypto::server_identity identity, const administrator_key& first,
                      const argon2_params& cost, crypto::pkcs11_token* token);

  /// Reads the vault, the threshold and the keyslots of `given` in one read transaction, for
  /// open(): the passwords are not used yet.
  vault_snapshot snapshot(std::span<const administrator_key> given);
  /// Opens the vault from `read` with the passwords it points at, reading nothing more: the
  /// Argon2id work (seconds per administrator) runs on its copies, outside any transaction.
  /// - errc::auth_failed naming who has no keyslot when fewer given administrators have one
  ///   than the shares' threshold;
  /// - errc::crypto naming the administrator whose keyslot does not open with their password, or
  ///   saying the keyslots together do not open this Key Manager's keys (edited or copied rows);
  /// - errc::bad_input when the vault needs an HSM token and `token` is empty;
  /// - the refusals of `token` (a wrong PIN, a missing token) when the vault needs it.
  static opened_vault open(const vault_snapshot& read, const token_opener& token);
  /// open(snapshot(given), token).
  opened_vault open(std::span<const administrator_key> given, const token_opener& token);

  /// The threshold the shares were made with (the number of administrators keys need).
  std::int64_t threshold();
  /// The administrators that have a keyslot.
  std::vector<std::string> keyslot_holders();
  /// The escrow public key: enrollment seals to it without opening anything.
  crypto::x25519_public_key escrow_public_key();
  /// The server identity's certificate as the vault keeps it (kms.crt is written from it).
  crypto::certificate identity_certificate();
  /// True when the vault's pepper is wrapped by an HSM token.
  bool needs_token();

  /// Makes (or re-makes) the keyslot of `admin` without a share yet: call share_out() after it,
  /// in the same transaction.
  void add_keyslot(const opened_vault& keys, const administrator_key& admin, const argon2_params& cost);
  /// Splits V anew with `threshold` and gives every keyslot its share (in the caller's write
  /// transaction), after checking each keyslot's public key MAC (errc::crypto naming one that was
  /// altered). errc::bad_input when there are fewer keyslots than `threshold`. errc::conflict when
  /// the vault row is no longer the one `keys` were opened from (another task bound or removed the
  /// HSM token, or a restore brought another vault, since): shares of `keys` would not open it.
  void share_out(const opened_vault& keys, std::int64_t threshold);
  /// Wraps a new pepper with `token` (nullptr: no pepper, no token needed) and re-splits.
  /// errc::conflict as share_out().
  void set_token(opened_vault& keys, crypto::pkcs11_token* token);
  /// Re-seals the keyslot of `name` under a new password (the old one opens it): the share stays.
  /// Nothing when `name` has no keyslot. errc::crypto when `old_password` does not open it.
  void change_password(std::string_view name, const secret& old_password, const secret& new_password,
                       const argon2_params& cost);

 private:
  void require_opened_from_stored(const opened_vault& keys);
  store::sqlite::connection& db_;
};

}  // namespace arbor::km
