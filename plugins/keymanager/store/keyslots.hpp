#pragma once
// The vault and its keyslots as stored (schema version 6): the public half of what opens this Key
// Manager's keys. Nothing here opens anything alone; instance/vault.hpp says what each column
// protects and how, and docs/key-protection.md why. Stores bytes; knows nothing of crypto.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/argon2_params.hpp"
#include "store/sqlite.hpp"

namespace arbor::km::store {

// The one vault row.
struct vault_record {
  std::vector<std::uint8_t> vault_id;             // 16 random bytes bound into every slot and share
  std::vector<std::uint8_t> escrow_public_key;    // X25519: enrollment seals new keys to it
  std::vector<std::uint8_t> identity_key_sealed;  // the server identity's PKCS#8, sealed
  std::vector<std::uint8_t> identity_cert_der;    // kms.crt is written from it
  std::vector<std::uint8_t> token_wrapped;        // empty without an HSM: see instance/vault.hpp
};

// One administrator's keyslot and the share of the vault it holds.
struct keyslot_record {
  std::string administrator;
  std::vector<std::uint8_t> salt;
  argon2_params cost;
  std::vector<std::uint8_t> public_key;
  std::vector<std::uint8_t> private_key_sealed;
  std::vector<std::uint8_t> public_key_mac;
  std::int64_t share_threshold = 1;
  std::int64_t share_x = 1;
  std::vector<std::uint8_t> share_sealed;
};

class keyslot_repository {
 public:
  explicit keyslot_repository(sqlite::connection& db) : db_(db) {}

  std::optional<vault_record> vault();
  // errc::conflict when the database already has a vault.
  void create_vault(const vault_record& vault);
  void set_token_wrapped(std::span<const std::uint8_t> wrapped);

  std::vector<keyslot_record> list();  // by administrator
  std::optional<keyslot_record> find(std::string_view administrator);
  // Adds or replaces the slot of `slot.administrator` (an administrator: errc::not_found if not).
  void put(const keyslot_record& slot);
  void remove(std::string_view administrator);

 private:
  sqlite::connection& db_;
};

}  // namespace arbor::km::store
