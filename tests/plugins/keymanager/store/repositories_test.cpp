#define BOOST_TEST_MODULE km_store_repositories
#include <boost/test/unit_test.hpp>

#include "unix_time.hpp"

#include "common/km_error.hpp"
#include "scratch_dir.hpp"
#include "store/administrators.hpp"
#include "store/lockout.hpp"
#include "store/password_policy.hpp"
#include "store/pending_revocations.hpp"
#include "store/schema.hpp"
#include "store/settings.hpp"
#include "store/transfers.hpp"
#include "store/users.hpp"

using namespace arbor::km;

namespace {

struct fixture {
  testing::scratch_dir dir;
  store::sqlite::connection db = store::schema::open_database(dir / "kms.db");
};

store::pending_revocation revocation_of(const std::string& user_id) {
  return {0, "4660", "1234", "aa:bb", "CN=Test CA", "alice", user_id, "superseded", 0, "", arbor::test::unix_time(100),
          std::nullopt};
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(pending_revocation_survives_deleting_its_user, fixture) {
  store::user_repository users(db);
  users.add({"u1", "alice", "", "", "active", arbor::test::unix_time(0)});
  store::revocation_queue queue(db);
  queue.enqueue(revocation_of("u1"));
  users.remove("u1");
  const auto items = queue.list();
  BOOST_REQUIRE(items.size() == 1u);
  BOOST_TEST(items[0].user_alias == "alice");
  BOOST_TEST(items[0].serial_hex == "1234");
}

BOOST_FIXTURE_TEST_CASE(recording_an_attempt_counts_it_and_keeps_the_error, fixture) {
  store::revocation_queue queue(db);
  const auto id = queue.enqueue(revocation_of("u1"));
  queue.record_attempt(id, "connection refused", arbor::test::unix_time(200));
  queue.record_attempt(id, "timed out", arbor::test::unix_time(300));
  const auto item = queue.list().at(0);
  BOOST_TEST(item.attempts == 2);
  BOOST_TEST(item.last_error == "timed out");
  BOOST_TEST(item.last_attempt_at.value() == arbor::test::unix_time(300));
  BOOST_TEST(queue.remove(id));
  BOOST_TEST(queue.count() == 0);
  queue.record_attempt(id, "x", arbor::test::unix_time(0));  // confirmed by another retry meanwhile
  BOOST_TEST(queue.count() == 0);
}

BOOST_FIXTURE_TEST_CASE(settings_read_defaults_until_written, fixture) {
  store::settings_repository settings(db);
  BOOST_TEST(settings.get_text("ca.url", "http://127.0.0.1:8888") == "http://127.0.0.1:8888");
  BOOST_TEST(settings.get_int("token.lifetime_s", 86400) == 86400);
  settings.set_int("token.lifetime_s", 600);
  settings.set_int("token.lifetime_s", 900);
  settings.set_bool("ca.verify", false);
  BOOST_TEST(settings.get_int("token.lifetime_s", 0) == 900);
  BOOST_TEST(!settings.get_bool("ca.verify", true));
}

BOOST_FIXTURE_TEST_CASE(a_non_numeric_setting_read_as_a_number_is_corrupt, fixture) {
  store::settings_repository settings(db);
  settings.set_text("ca.timeout_s", "ten");
  BOOST_CHECK_EXCEPTION(settings.get_int("ca.timeout_s", 10), error,
                        [](const error& e) { return e.code() == errc::corrupt; });
}

BOOST_FIXTURE_TEST_CASE(transfers_are_recorded_once_and_found_by_id, fixture) {
  store::transfer_log transfers(db);
  const store::transfer_record t{"t-1", store::transfer_direction::import_users, "ab", "x.kmt",
                                 arbor::test::unix_time(500), 3, 7};
  transfers.record(t);
  const auto found = transfers.find("t-1");
  BOOST_REQUIRE(found.has_value());
  BOOST_TEST((found->direction == store::transfer_direction::import_users));
  BOOST_TEST(found->keys == 7);
  BOOST_CHECK_EXCEPTION(transfers.record(t), error,
                        [](const error& e) { return e.code() == errc::conflict; });
  BOOST_TEST(!transfers.find("t-2").has_value());
}

BOOST_FIXTURE_TEST_CASE(policy_defaults_to_one_and_reports_the_largest, fixture) {
  store::policy_repository policy(db);
  BOOST_TEST(policy.required_for("export-users") == 1);
  BOOST_TEST(policy.largest() == 1);
  policy.set("export-users", 3);
  policy.set("import-users", 2);
  BOOST_TEST(policy.required_for("export-users") == 3);
  BOOST_TEST(policy.largest() == 3);
  BOOST_CHECK_THROW(policy.set("x", 0), error);
}

BOOST_FIXTURE_TEST_CASE(lockout_state_starts_clear_and_persists_per_bucket, fixture) {
  store::lockout_repository lockout(db);
  BOOST_TEST(lockout.get("bob").consecutive_failures == 0);
  lockout.set("bob", {4, arbor::test::unix_time(1234)});
  lockout.set("nosuch", {1, arbor::test::unix_time(0)});
  const auto state = store::lockout_repository(db).get("BOB");
  BOOST_TEST(state.consecutive_failures == 4);
  BOOST_TEST(state.locked_until == arbor::test::unix_time(1234));
  BOOST_TEST(lockout.get("carol").consecutive_failures == 0);
  BOOST_TEST(lockout.get("nosuch").consecutive_failures == 1);
  lockout.clear("Bob");
  BOOST_TEST(lockout.get("bob").locked_until == arbor::test::unix_time(0));
  BOOST_TEST(lockout.get("nosuch").consecutive_failures == 1);
}

BOOST_FIXTURE_TEST_CASE(a_removed_administrator_loses_their_lockout, fixture) {
  store::administrator_repository admins(db);
  admins.add({"bob", "$argon2id$x", false, arbor::test::unix_time(1), arbor::test::unix_time(1)});
  store::lockout_repository(db).set("bob", {5, arbor::test::unix_time(9999)});
  admins.remove("BOB");
  admins.add({"bob", "$argon2id$y", false, arbor::test::unix_time(2), arbor::test::unix_time(2)});
  BOOST_TEST(store::lockout_repository(db).get("bob").locked_until == arbor::test::unix_time(0));
}

BOOST_FIXTURE_TEST_CASE(administrator_names_are_case_insensitive, fixture) {
  store::administrator_repository admins(db);
  admins.add({"Admin", "$argon2id$x", true, arbor::test::unix_time(1), arbor::test::unix_time(1)});
  BOOST_TEST(admins.find("admin").has_value());
  BOOST_CHECK_EXCEPTION(admins.add({"ADMIN", "h", false, arbor::test::unix_time(1), arbor::test::unix_time(1)}), error,
                        [](const error& e) { return e.code() == errc::conflict; });
  admins.set_password("admin", "$argon2id$y", false, arbor::test::unix_time(5));
  const auto a = admins.find("ADMIN").value();
  BOOST_TEST(a.password_hash == "$argon2id$y");
  BOOST_TEST(!a.must_change);
  BOOST_TEST(a.changed_at == arbor::test::unix_time(5));
}
