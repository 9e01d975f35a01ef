#pragma once
// A test server's keys, for the tests that look into its escrow and identity.
#include "kms_fixture.hpp"

#include <vector>

#include "instance/vault.hpp"
#include "store/sqlite.hpp"

namespace arbor::test {

/// A server's keys, opened as its tasks open them: with the keyslot of its initial administrator
/// (admin / password). The tests look into a server's escrow and identity with it.
inline km::opened_vault keys_of(const kms_server& server) {
  km::store::sqlite::connection db(server.db(), {.create = false});
  const km::secret password("password");
  const std::vector<km::administrator_key> admin{{"admin", &password}};
  return km::vault(db).open(admin, nullptr);
}

}  // namespace arbor::test
