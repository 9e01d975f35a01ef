#include "workflows/site.hpp"

#include "auth/administrators.hpp"

namespace arbor::km::workflows {

key_manager open(const site& where) {
  auto kms = key_manager::open(where.data_dir, *where.clock);
  if (kms.status() != key_manager::state::new_directory) return kms;
  const secret password(auth::initial_admin_password);
  const auth::password_hasher hasher(where.argon2);
  kms.initialize(where.identity, {std::string(auth::initial_admin_name), &password}, where.argon2,
                 [&](store::sqlite::connection& db) { auth::administrators(db, hasher, *where.clock).ensure_initial_admin(); });
  return kms;
}

}  // namespace arbor::km::workflows
