#include "store/recovery_keys.hpp"

namespace arbor::km::store {

void recovery_key_repository::add(std::string_view token_id, const recovery_key& key) {
  db_.prepare("INSERT INTO recovery_keys (token_id, key_id, sealed_key) VALUES (?1, ?2, ?3)")
      .bind(1, token_id)
      .bind(2, key.key_id)
      .bind(3, key.sealed_key)
      .run();
}

std::vector<recovery_key> recovery_key_repository::list(std::string_view token_id) {
  auto query = db_.prepare("SELECT key_id, sealed_key FROM recovery_keys WHERE token_id = ?1 ORDER BY key_id");
  query.bind(1, token_id);
  std::vector<recovery_key> keys;
  while (query.step()) keys.push_back({query.column_text(0), query.column_blob(1)});
  return keys;
}

void recovery_key_repository::remove(std::string_view token_id) {
  db_.prepare("DELETE FROM recovery_keys WHERE token_id = ?1").bind(1, token_id).run();
}

}  // namespace arbor::km::store
