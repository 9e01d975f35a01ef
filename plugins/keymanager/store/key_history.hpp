#pragma once
// Each user's key history: every certificate issued to them with its sealed private key, in the
// order they were added. Entries are append-only; only their status changes (a trigger in the
// schema enforces it).
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/key_status.hpp"
#include "store/sqlite.hpp"

namespace arbor::km::store {

// One key history entry. The certificate facts are copied out of cert_der by the caller (the
// store does not parse certificates); sealed_key is opaque bytes produced by crypto's sealing.
struct key_entry {
  std::string key_id;
  std::string user_id;
  std::int64_t seq = 0;  // assigned by append: 1 for a user's first key
  std::vector<std::uint8_t> cert_der;
  std::string cert_sha256;  // lowercase hex
  std::string serial_decimal;
  std::string serial_hex;
  std::string issuer;
  std::string authority_key_id;
  std::chrono::sys_seconds not_before{};
  std::chrono::sys_seconds not_after{};
  std::vector<std::uint8_t> sealed_key;
  key_status status = key_status::valid;
  std::chrono::sys_seconds added_at{};
};

// Where a sealed key sits, which its sealing binds it to, and the sealed bytes.
struct sealed_key_row {
  std::string user_id;
  std::string key_id;
  std::int64_t seq = 0;
  std::vector<std::uint8_t> sealed_key;
};

// Appends to and reads users' key histories.
class key_history_repository {
 public:
  explicit key_history_repository(sqlite::connection& db) : db_(db) {}

  // Adds `entry` after the user's last one and returns the seq it was given (entry.seq is
  // ignored). The caller chooses key_id, because sealing binds it into the sealed key.
  // errc::conflict when the key id or certificate is already stored; errc::not_found when the
  // user does not exist.
  std::int64_t append(const key_entry& entry);

  std::vector<key_entry> list_for_user(std::string_view user_id);  // by seq
  std::int64_t count_for_user(std::string_view user_id);
  std::optional<key_entry> find_by_cert_sha256(std::string_view cert_sha256);

  // Visits every entry's place and sealed key, one row at a time (a restore checks they open).
  void for_each_sealed_key(const std::function<void(const sealed_key_row&)>& visit);

  // Replaces the sealed key of `key_id` (the upgrade re-seals every key). errc::not_found when
  // there is no entry with `key_id`.
  void set_sealed_key(std::string_view key_id, std::span<const std::uint8_t> sealed_key);
  // errc::not_found when there is no entry with `key_id`.
  void set_status(std::string_view key_id, key_status status);
  // Records what Certificate Services did to the certificate `serial_decimal` from `issuer` in
  // `user_id`'s history; nothing when the user or the key is no longer stored (a user exported,
  // and so deleted, after their revocation was queued).
  void set_certificate_status(std::string_view user_id, std::string_view serial_decimal, std::string_view issuer,
                              key_status status);

 private:
  sqlite::connection& db_;
};

// Appends many keys inside the caller's transaction (an import): its statements stay prepared, a
// user's next seq is read once for all their keys (so while it lives, their keys go through it),
// and a certificate kms.db already holds is skipped by the insert itself instead of being looked
// up first.
class history_appender {
 public:
  // errc::internal unless `db` is inside a transaction: what the appender adds lands with it.
  explicit history_appender(sqlite::connection& db);

  // Adds `entry` after the last key of entry.user_id (entry.seq is ignored) unless kms.db already
  // holds its certificate (same SHA-256): false then, and nothing was added. errc::conflict for
  // a key id already stored, errc::not_found when the user does not exist.
  bool append_unless_present(const key_entry& entry);

 private:
  sqlite::connection& db_;
  sqlite::statement next_seq_;
  sqlite::statement insert_;
  std::string user_id_;  // whose seq next_ is
  std::int64_t next_ = 0;
};

}  // namespace arbor::km::store
