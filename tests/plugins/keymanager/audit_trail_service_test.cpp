#define BOOST_TEST_MODULE audit_trail_service
#include <boost/test/unit_test.hpp>

#include "audit_trail_service.hpp"
#include "scratch_dir.hpp"
#include "workflows/administrators.hpp"
#include "workflows/password_policy.hpp"

#include <string>
#include <vector>

namespace km = arbor::km;
namespace sdk = arbor::sdk;

namespace {

/// A Key Manager data directory the service opens afresh at each call, as in the console.
struct service_fixture {
  km::testing::scratch_dir dir;
  km::test_clock clock{1'700'000'000};
  km::wizards::environment env = [this] {
    km::wizards::environment e;
    e.site.data_dir = dir / "kmsdata";
    e.site.identity = km::workflows::identity_options{km::crypto::key_type::ec_p384, "Test KMS"};
    e.site.argon2 = km::workflows::argon2_params{1, 8 * 1024, 1};
    e.site.clock = &clock;
    return e;
  }();
  km::audit_trail_service service{env};

  static std::vector<sdk::credential> admin(const char* password) { return {{"admin", sdk::secret_text(password)}}; }

  /// Every record the service hands out for `who`, or the error.
  sdk::result<std::vector<sdk::audit_record>> records(const std::vector<sdk::credential>& who) {
    std::vector<sdk::audit_record> seen;
    auto read = service.read(who, [&](const sdk::audit_record& r) { seen.push_back(r); });
    if (!read) return read.error();
    BOOST_TEST(read.value() == seen.size());
    return seen;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(audit_trail, service_fixture)

BOOST_AUTO_TEST_CASE(one_administrator_reads_the_log_by_default) {
  auto required = service.credentials_required();
  BOOST_TEST_REQUIRE(required.ok(), (required.ok() ? "" : required.error().message));
  BOOST_TEST(required.value() == 1u);
}

BOOST_AUTO_TEST_CASE(reading_hands_out_every_record_oldest_first_ending_with_the_read_itself) {
  auto seen = records(admin("password"));
  BOOST_TEST_REQUIRE(seen.ok(), (seen.ok() ? "" : seen.error().message));
  const auto& r = seen.value();
  BOOST_TEST_REQUIRE(r.size() == 3u);
  BOOST_TEST(r[0].event == "administrator-added");
  BOOST_TEST(r[1].event == "login");
  BOOST_TEST(r[1].detail.find("read-audit-log") != std::string::npos);
  BOOST_TEST(r[2].event == "audit-log-read");
  BOOST_TEST(r[2].actor == "admin");
  BOOST_TEST(r[2].succeeded);
  BOOST_TEST(r[2].time_s == clock.now().time_since_epoch().count());
}

BOOST_AUTO_TEST_CASE(a_wrong_password_is_denied_reads_nothing_and_is_audited) {
  BOOST_TEST_REQUIRE(service.credentials_required().ok());
  auto refused = records(admin("guess"));
  BOOST_TEST_REQUIRE(!refused.ok());
  BOOST_TEST((refused.error().why == sdk::reason::denied));
  auto seen = records(admin("password"));
  BOOST_TEST_REQUIRE(seen.ok());
  BOOST_TEST(!seen.value().at(1).succeeded);
  BOOST_TEST(seen.value().at(1).event == "login");
}

BOOST_AUTO_TEST_CASE(the_password_policy_for_reading_the_log_is_followed) {
  {
    namespace wf = km::workflows;
    auto kms = wf::open(env.site);
    wf::login_needed(kms, env.site, wf::manage_administrators_task);  // the initial administrator
    const auto as_admin = [&](std::string_view task) {
      return wf::sign_in(kms, env.site, {std::string(task), {{"admin", km::secret("password")}}});
    };
    wf::change_administrators(kms, env.site, as_admin(wf::manage_administrators_task), {{"admin", km::secret("password")}}, km::secret(),
                              wf::administrator_change::add("second", wf::new_password(km::secret("Second-Passw0rd!"))));
    wf::change_password_policy(kms, env.site, as_admin(wf::manage_policy_task), {{"admin", km::secret("password")}}, km::secret(),
                               {km::read_audit_log_task, 2});
  }
  auto required = service.credentials_required();
  BOOST_TEST_REQUIRE(required.ok());
  BOOST_TEST(required.value() == 2u);
  auto one = records(admin("password"));
  BOOST_TEST_REQUIRE(!one.ok());
  BOOST_TEST((one.error().why == sdk::reason::denied));
  std::vector<sdk::credential> both = admin("password");
  both.push_back({"second", sdk::secret_text("Second-Passw0rd!")});
  BOOST_TEST(records(both).ok());
}

BOOST_AUTO_TEST_SUITE_END()
