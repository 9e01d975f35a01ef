#pragma once
// A database with administrators and a vault, for the tests of instance/: the vault's keyslots
// and shares, and the users' keys sealed under it. Argon2id at its floor keeps them fast.
#include <string>
#include <vector>

#include "instance/vault.hpp"
#include "scratch_dir.hpp"
#include "store/administrators.hpp"
#include "store/schema.hpp"

namespace arbor::km::testing {

inline constexpr argon2_params cheap{1, 8, 1};

inline const crypto::server_identity& test_identity() {
  static const auto id = crypto::server_identity::generate(crypto::key_type::ec_p384, "Vault Test", std::chrono::days(30));
  return id;
}

struct vault_fixture {
  scratch_dir dir;
  store::sqlite::connection db = store::schema::open_database(dir / "kms.db");
  // Each administrator's password is their name followed by "-password".
  std::vector<std::string> names{"alice", "bob", "carol"};
  std::vector<secret> passwords = [this] {
    std::vector<secret> p;
    for (const auto& n : names) p.emplace_back(n + "-password");
    return p;
  }();
  opened_vault keys = make();

  administrator_key key_of(std::size_t i) { return {names[i], &passwords[i]}; }

  // Every administrator with a keyslot, the vault split for one.
  opened_vault make() {
    for (const auto& n : names) store::administrator_repository(db).add({n, "unused", false, {}, {}});
    auto v = vault(db);
    auto made = v.create(crypto::server_identity::from_parts(
                             crypto::private_key::from_pkcs8_der(test_identity().key().to_pkcs8_der()),
                             crypto::certificate::from_bytes(test_identity().cert().der(), "test")),
                         key_of(0), cheap, nullptr);
    for (std::size_t i = 1; i < names.size(); ++i) v.add_keyslot(made, key_of(i), cheap);
    v.share_out(made, 1);
    return made;
  }

  opened_vault open_with(std::vector<std::size_t> who) {
    std::vector<administrator_key> given;
    for (auto i : who) given.push_back(key_of(i));
    return vault(db).open(given, nullptr);
  }
};

}  // namespace arbor::km::testing
