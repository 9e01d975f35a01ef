#pragma once
// A test server's keys, for the tests that look into its escrow and identity.
#include "kms_fixture.hpp"

#include <string>
#include <vector>

#include "instance/vault.hpp"
#include "store/sqlite.hpp"

namespace arbor::test {

/// A server's keys, opened as its tasks open them: with the keyslot of its administrator admin,
/// whose password is the initial one unless given. The tests look into a server's escrow and
/// identity with it.
inline km::opened_vault keys_of(const kms_server& server, const std::string& admin_password = "password") {
  km::store::sqlite::connection db(server.db(), {.create = false});
  const km::secret password(admin_password);
  const std::vector<km::administrator_key> admin{{"admin", &password}};
  return km::vault(db).open(admin, nullptr);
}

}  // namespace arbor::test
