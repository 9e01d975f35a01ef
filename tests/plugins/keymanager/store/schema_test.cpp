#define BOOST_TEST_MODULE km_store_schema
#include <boost/test/unit_test.hpp>

#include "unix_time.hpp"

#include <fstream>
#include <latch>
#include <string>
#include <thread>
#include <vector>

#include "common/km_error.hpp"
#include "scratch_dir.hpp"
#include "store/audit_log.hpp"
#include "store/lockout.hpp"
#include "store/pending_revocations.hpp"
#include "store/schema.hpp"
#include "store/settings.hpp"
#include "store/users.hpp"

using namespace arbor::km;
namespace schema = store::schema;

namespace {

store::user_record alice() { return {"00112233445566778899aabbccddeeff", "alice", "Alice", "alice@example.org", "active", arbor::test::unix_time(100)}; }

// A database left at `version` by an older Key Manager, holding one user.
std::filesystem::path older_database(const testing::scratch_dir& dir, int version) {
  const auto path = dir / ("v" + std::to_string(version) + ".db");
  store::sqlite::connection db(path);
  schema::migrate_to(db, version);
  store::user_repository(db).add(alice());
  store::audit_log(db).append({0, arbor::test::unix_time(100), "system", "created", store::audit_outcome::success, ""});
  return path;
}

}  // namespace

BOOST_AUTO_TEST_CASE(empty_file_is_migrated_to_the_current_version) {
  testing::scratch_dir dir;
  std::ofstream(dir / "kms.db").close();
  auto db = schema::open_database(dir / "kms.db");
  BOOST_TEST(schema::version_of(db) == schema::current_version);
  BOOST_TEST(store::user_repository(db).count() == 0);
}

BOOST_AUTO_TEST_CASE(missing_file_is_created_at_the_current_version) {
  testing::scratch_dir dir;
  auto db = schema::open_database(dir / "kms.db");
  BOOST_TEST(schema::version_of(db) == schema::current_version);
}

BOOST_AUTO_TEST_CASE(every_older_schema_migrates_and_keeps_its_data) {
  testing::scratch_dir dir;
  for (int version = 1; version < schema::current_version; ++version) {
    BOOST_TEST_CONTEXT("from schema " << version) {
      const auto path = older_database(dir, version);
      auto db = schema::open_database(path);
      BOOST_TEST(schema::version_of(db) == schema::current_version);
      const auto user = store::user_repository(db).find_by_id(alice().user_id);
      BOOST_REQUIRE(user.has_value());
      BOOST_TEST(user->email == "alice@example.org");
      BOOST_TEST(store::audit_log(db).recent(10).size() == 1u);
      // Tables from the later migrations work.
      store::settings_repository(db).set_int("probe", 5);
      BOOST_TEST(store::settings_repository(db).get_int("probe", 0) == 5);
      store::revocation_queue(db).enqueue({0, "1", "01", "", "CN=CA", "alice", alice().user_id,
                                           "superseded", 0, "", arbor::test::unix_time(100), std::nullopt});
      BOOST_TEST(store::revocation_queue(db).count() == 1);
    }
  }
}

// Schema 5 replaces the single lockout row of the whole Key Manager by one per administrator;
// the old row's state is dropped (it cannot say whose failures it counted).
BOOST_AUTO_TEST_CASE(schema_4s_single_lockout_row_becomes_one_lockout_per_name) {
  testing::scratch_dir dir;
  const auto path = older_database(dir, 4);
  {
    store::sqlite::connection db(path);
    db.exec("UPDATE lockout SET consecutive_failures = 9, locked_until = 4000000000");
  }
  auto db = schema::open_database(path);
  store::lockout_repository lockout(db);
  BOOST_TEST(lockout.get("admin").locked_until == arbor::test::unix_time(0));
  BOOST_TEST(lockout.get("nosuch").consecutive_failures == 0);
  lockout.set("admin", {3, arbor::test::unix_time(100)});
  lockout.set("bob", {1, arbor::test::unix_time(0)});
  BOOST_TEST(lockout.get("admin").consecutive_failures == 3);
}

BOOST_AUTO_TEST_CASE(reopening_a_current_database_changes_nothing) {
  testing::scratch_dir dir;
  { schema::open_database(dir / "kms.db"); }
  auto db = schema::open_database(dir / "kms.db");
  BOOST_TEST(schema::version_of(db) == schema::current_version);
}

BOOST_AUTO_TEST_CASE(a_file_that_is_not_sqlite_is_refused_as_corrupt) {
  testing::scratch_dir dir;
  std::ofstream(dir / "kms.db") << std::string(8192, 'x');
  try {
    schema::open_database(dir / "kms.db");
    BOOST_FAIL("a text file was accepted");
  } catch (const error& e) {
    BOOST_TEST((e.code() == errc::corrupt));
    BOOST_TEST(std::string(e.what()) == "kms.db is not a Key Manager database: restore a backup");
  }
}

BOOST_AUTO_TEST_CASE(another_applications_database_is_refused_as_corrupt) {
  testing::scratch_dir dir;
  { store::sqlite::connection(dir / "kms.db").exec("CREATE TABLE photos (id INTEGER)"); }
  BOOST_CHECK_EXCEPTION(schema::open_database(dir / "kms.db"), error,
                        [](const error& e) { return e.code() == errc::corrupt; });
}

BOOST_AUTO_TEST_CASE(a_database_from_a_newer_key_manager_is_refused) {
  testing::scratch_dir dir;
  {
    auto db = schema::open_database(dir / "kms.db");
    db.exec("PRAGMA user_version = " + std::to_string(schema::current_version + 1));
  }
  try {
    schema::open_database(dir / "kms.db");
    BOOST_FAIL("a newer schema was accepted");
  } catch (const error& e) {
    BOOST_TEST((e.code() == errc::bad_input));
    BOOST_TEST(std::string(e.what()).find("newer Key Manager") != std::string::npos);
  }
}


// Two tasks of the web console open a brand-new KMSData at the same moment: all of them open it,
// and the schema is created once. (The one-statement read of version and tables, which keeps a
// half-seen creation from reading as another program's file, narrows a window of microseconds
// that this cannot reliably hit; it checks that opening at once works at all.)
BOOST_AUTO_TEST_CASE(a_new_file_opened_by_several_connections_at_once_is_created_once) {
  testing::scratch_dir dir;
  for (int round = 0; round < 60; ++round) {
    const auto path = dir / ("kms-" + std::to_string(round) + ".db");
    std::latch together(4);
    std::vector<std::string> failures(4);
    std::vector<std::thread> openers;
    for (std::size_t i = 0; i < failures.size(); ++i)
      openers.emplace_back([&, i] {
        together.arrive_and_wait();
        try {
          auto db = schema::open_database(path);
          if (schema::version_of(db) != schema::current_version) failures[i] = "not at the current version";
        } catch (const error& e) {
          failures[i] = e.what();
        }
      });
    for (auto& t : openers) t.join();
    for (const auto& failure : failures) BOOST_TEST_REQUIRE(failure.empty(), "round " << round << ": " << failure);
  }
}
