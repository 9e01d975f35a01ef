#define BOOST_TEST_MODULE km_store_audit_log
#include <boost/test/unit_test.hpp>

#include "unix_time.hpp"

#include "common/km_error.hpp"
#include "scratch_dir.hpp"
#include "store/audit_log.hpp"
#include "store/schema.hpp"

using namespace arbor::km;

namespace {

struct fixture {
  testing::scratch_dir dir;
  store::sqlite::connection db = store::schema::open_database(dir / "kms.db");
  store::audit_log log{db};
  fixture() {
    log.append({0, arbor::test::unix_time(10), "admin", "login", store::audit_outcome::success, "task=a"});
    log.append({0, arbor::test::unix_time(20), "bob", "login", store::audit_outcome::failure, "task=b"});
  }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(updating_an_audit_entry_fails, fixture) {
  BOOST_CHECK_EXCEPTION(db.exec("UPDATE audit_log SET actor = 'mallory'"), error,
                        [](const error& e) {
                          return e.technical().find("append-only") != std::string::npos;
                        });
  BOOST_TEST(log.recent(1).front().actor == "bob");
}

BOOST_FIXTURE_TEST_CASE(deleting_an_audit_entry_fails, fixture) {
  BOOST_CHECK_THROW(db.exec("DELETE FROM audit_log"), error);
  BOOST_TEST(log.recent(10).size() == 2u);
}

BOOST_FIXTURE_TEST_CASE(recent_lists_newest_first, fixture) {
  const auto entries = log.recent(10);
  BOOST_REQUIRE(entries.size() == 2u);
  BOOST_TEST(entries[0].actor == "bob");
  BOOST_TEST((entries[0].outcome == store::audit_outcome::failure));
  BOOST_TEST(entries[1].detail == "task=a");
}

BOOST_FIXTURE_TEST_CASE(for_each_visits_oldest_first, fixture) {
  std::vector<std::int64_t> times;
  log.for_each([&](const store::audit_entry& e) { times.push_back(e.at.time_since_epoch().count()); });
  BOOST_TEST(times == (std::vector<std::int64_t>{10, 20}));
}
