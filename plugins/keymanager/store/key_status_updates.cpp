#include "store/key_status_updates.hpp"

namespace arbor::km::store {

void record_key_status(store::sqlite::connection& db, std::string_view user_id, std::string_view serial_decimal,
                       std::string_view issuer, store::key_status status) {
  store::key_history_repository history(db);
  for (const store::key_entry& entry : history.list_for_user(user_id)) {
    if (entry.serial_decimal == serial_decimal && entry.issuer == issuer) history.set_status(entry.key_id, status);
  }
}

}  // namespace arbor::km::store
