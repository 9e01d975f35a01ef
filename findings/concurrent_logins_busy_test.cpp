// FINDING (not in the build: it takes ~10 s of Argon2id): logins checked at once on one Key
// Manager fail "the database is busy" once they queue for more than SQLite's busy timeout (5 s).
//
// auth::login::authorize() holds BEGIN IMMEDIATE (the write lock) while it hashes every password
// given (Argon2id, slow on purpose). The web console used to check pages under its plugin gate, so
// one process checked one login at a time and the others waited on the gate, without a timeout.
// Since the wizards' calls left the gate (gated_wizard), N tasks' login pages are checked on N
// threads, each on its own SQLite connection: the (5 s / one login's time)-th in line gets
// SQLITE_BUSY, and so does any export or import transaction waiting behind them. Unknown names
// cost a full Argon2id each and never lock anyone out, so a web session without any
// administrator's password can keep the write lock held back to back.
//
// To run: copy into tests/plugins/keymanager/workflows/, add "concurrent_logins_busy" to the
// foreach list of that CMakeLists.txt, build km_workflows_concurrent_logins_busy_test.
#define BOOST_TEST_MODULE km_workflows_concurrent_logins_busy_test
#include <boost/test/unit_test.hpp>

#include "common/km_error.hpp"
#include "scratch_dir.hpp"
#include "workflows/sign_in.hpp"
#include "workflows/site.hpp"

#include <chrono>
#include <latch>
#include <string>
#include <thread>
#include <vector>

using namespace arbor::km;

BOOST_AUTO_TEST_CASE(logins_checked_at_once_wait_for_each_other_without_failing_busy) {
  testing::scratch_dir dir;
  test_clock fixed{1'700'000'000};
  const workflows::site site{.data_dir = dir / "kmsdata", .identity = {crypto::key_type::ec_p384, "Test KMS"},
                             .argon2 = {.iterations = 6, .memory_kib = 64 * 1024, .parallelism = 1}, .clock = &fixed};
  {
    auto kms = workflows::open(site);
    workflows::login_needed(kms, site, "general");  // the initial administrator, hashed at this cost
  }
  const auto one_login = [&](const std::string& name) -> std::string {
    try {
      auto kms = workflows::open(site);
      workflows::sign_in(kms, site, {"general", {{name, secret("wrong")}}});
      return "granted";
    } catch (const error& e) {
      return e.code() == errc::conflict ? std::string("busy: ") + e.what() : "refused";
    }
  };
  const auto started = std::chrono::steady_clock::now();
  BOOST_TEST_REQUIRE(one_login("nobody-0") == "refused");
  const auto each = std::chrono::steady_clock::now() - started;
  const auto threads = std::min<std::size_t>(12, static_cast<std::size_t>(std::chrono::seconds(5) / each) + 3);
  BOOST_TEST_MESSAGE("one login: " << std::chrono::duration_cast<std::chrono::milliseconds>(each).count() << " ms; "
                                   << threads << " at once");

  std::latch together(static_cast<std::ptrdiff_t>(threads));
  std::vector<std::string> outcomes(threads);
  std::vector<std::thread> running;
  for (std::size_t i = 0; i < threads; ++i)
    running.emplace_back([&, i] {
      together.arrive_and_wait();
      outcomes[i] = one_login("nobody-" + std::to_string(i + 1));
    });
  for (auto& t : running) t.join();
  for (const auto& outcome : outcomes) BOOST_TEST(outcome == "refused");
}
