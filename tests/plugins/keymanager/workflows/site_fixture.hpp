#pragma once
// A Key Manager in a scratch directory opened from a workflows::site, with cheap Argon2 and a
// test clock, and helpers to log in and read the audit log: for the tests of the login, the
// properties tabs' workflows and the server's facts.
#include "common/clock.hpp"
#include "crypto/short_code.hpp"
#include "scratch_dir.hpp"
#include "workflows/sign_in.hpp"
#include "workflows/site.hpp"
#include "workflows/task_audit.hpp"

#include <string>
#include <vector>

namespace arbor::km::testing {

/// Short codes without Argon2id's half second each, counting how often one is computed: "K7QM3XPA".
inline crypto::short_code_memo cheap_codes(int* computed = nullptr) {
  return crypto::short_code_memo([computed](std::span<const std::uint8_t>) {
    if (computed != nullptr) ++*computed;
    return std::string("K7QM3XPA");
  });
}

struct site_fixture {
  scratch_dir dir;
  km::test_clock clock{1'700'000'000};
  workflows::site site{.data_dir = dir / "kmsdata",
                       .identity = {crypto::key_type::ec_p384, "Test KMS"},
                       .argon2 = {.iterations = 1, .memory_kib = 8, .parallelism = 1},
                       .clock = &clock};
  workflows::key_manager kms = workflows::open(site);

  site_fixture() { workflows::login_needed(kms, site, "general"); }  // the initial administrator

  workflows::authorization as(std::string_view task, const char* name = "admin", const char* password = "password") {
    return workflows::sign_in(kms, site, {std::string(task), {{name, secret(password)}}});
  }

  /// The credentials `as` logs in with, for the changes that open keys with them.
  static std::vector<workflows::credential> admin_login(const char* name = "admin", const char* password = "password") {
    return {{name, secret(password)}};
  }

  /// The newest audit entry.
  store::audit_entry last_audit() { return store::audit_log(kms.db()).recent(1).at(0); }
};

}  // namespace arbor::km::testing
