#include "store/keyslots.hpp"

#include "common/km_error.hpp"

namespace arbor::km::store {
namespace {

constexpr std::string_view slot_columns =
    "administrator, salt, iterations, memory_kib, parallelism, public_key, private_key_sealed, "
    "public_key_mac, share_threshold, share_x, share_sealed";

std::uint32_t cost_column(const sqlite::statement& row, int column) {
  return static_cast<std::uint32_t>(row.column_int64(column));
}

keyslot_record read_slot(const sqlite::statement& row) {
  return {row.column_text(0),
          row.column_blob(1),
          {cost_column(row, 2), cost_column(row, 3), cost_column(row, 4)},
          row.column_blob(5),
          row.column_blob(6),
          row.column_blob(7),
          row.column_int64(8),
          row.column_int64(9),
          row.column_blob(10)};
}

}  // namespace

std::optional<vault_record> keyslot_repository::vault() {
  auto query = db_.prepare(
      "SELECT vault_id, escrow_public_key, identity_key_sealed, identity_cert_der, token_wrapped "
      "FROM vault WHERE id = 1");
  if (!query.step()) return std::nullopt;
  return vault_record{query.column_blob(0), query.column_blob(1), query.column_blob(2), query.column_blob(3),
                      query.column_blob(4)};
}

void keyslot_repository::create_vault(const vault_record& v) {
  if (vault()) throw error(errc::conflict, "This Key Manager's database already has a vault.");
  db_.prepare(
         "INSERT INTO vault (id, vault_id, escrow_public_key, identity_key_sealed, identity_cert_der, "
         "token_wrapped) VALUES (1, ?1, ?2, ?3, ?4, ?5)")
      .bind(1, v.vault_id)
      .bind(2, v.escrow_public_key)
      .bind(3, v.identity_key_sealed)
      .bind(4, v.identity_cert_der)
      .bind(5, v.token_wrapped)
      .run();
}

void keyslot_repository::set_token_wrapped(std::span<const std::uint8_t> wrapped) {
  db_.prepare("UPDATE vault SET token_wrapped = ?1 WHERE id = 1").bind(1, wrapped).run();
}

std::vector<keyslot_record> keyslot_repository::list() {
  auto query = db_.prepare("SELECT " + std::string(slot_columns) + " FROM keyslots ORDER BY administrator");
  std::vector<keyslot_record> slots;
  while (query.step()) slots.push_back(read_slot(query));
  return slots;
}

std::optional<keyslot_record> keyslot_repository::find(std::string_view administrator) {
  auto query = db_.prepare("SELECT " + std::string(slot_columns) + " FROM keyslots WHERE administrator = ?1");
  query.bind(1, administrator);
  if (!query.step()) return std::nullopt;
  return read_slot(query);
}

void keyslot_repository::put(const keyslot_record& s) {
  auto admin = db_.prepare("SELECT name FROM administrators WHERE name = ?1");
  admin.bind(1, s.administrator);
  if (!admin.step()) throw error(errc::not_found, "There is no administrator '" + s.administrator + "' to give a keyslot.");
  db_.prepare("INSERT OR REPLACE INTO keyslots (" + std::string(slot_columns) +
              ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
      .bind(1, admin.column_text(0))
      .bind(2, s.salt)
      .bind(3, static_cast<std::int64_t>(s.cost.iterations))
      .bind(4, static_cast<std::int64_t>(s.cost.memory_kib))
      .bind(5, static_cast<std::int64_t>(s.cost.parallelism))
      .bind(6, s.public_key)
      .bind(7, s.private_key_sealed)
      .bind(8, s.public_key_mac)
      .bind(9, s.share_threshold)
      .bind(10, s.share_x)
      .bind(11, s.share_sealed)
      .run();
}

void keyslot_repository::remove(std::string_view administrator) {
  db_.prepare("DELETE FROM keyslots WHERE administrator = ?1").bind(1, administrator).run();
}

}  // namespace arbor::km::store
