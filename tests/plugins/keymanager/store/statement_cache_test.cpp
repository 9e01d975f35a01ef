#define BOOST_TEST_MODULE km_store_statement_cache
#include <boost/test/unit_test.hpp>

#include <sqlite3.h>

#include <optional>

#include "scratch_dir.hpp"
#include "store/sqlite.hpp"

using namespace arbor::km;
using store::sqlite::connection;

namespace {

struct fixture {
  testing::scratch_dir dir;
  connection db{dir / "t.db"};
  fixture() {
    db.exec("CREATE TABLE t (v INTEGER)");
    db.exec("INSERT INTO t VALUES (1), (2), (3)");
  }

  // Statements SQLite holds on this connection, idle or in use.
  int prepared() const {
    int count = 0;
    for (sqlite3_stmt* s = sqlite3_next_stmt(db.handle(), nullptr); s != nullptr; s = sqlite3_next_stmt(db.handle(), s))
      ++count;
    return count;
  }
};

constexpr const char* all_rows = "SELECT v FROM t ORDER BY v";

}  // namespace

BOOST_FIXTURE_TEST_CASE(the_same_sql_reuses_one_statement, fixture) {
  for (int i = 0; i < 5; ++i) {
    auto q = db.prepare(all_rows);
    BOOST_TEST(q.step());
  }
  BOOST_TEST(prepared() == 1);
}

BOOST_FIXTURE_TEST_CASE(a_reused_statement_starts_over_with_no_bindings, fixture) {
  {
    auto q = db.prepare("SELECT ?1");
    q.bind(1, std::int64_t{42});
    BOOST_TEST(q.step());
    BOOST_TEST(q.column_int64(0) == 42);
  }
  {
    auto q = db.prepare(all_rows);
    BOOST_TEST(q.step());  // left on the first row
  }
  auto again = db.prepare("SELECT ?1");
  BOOST_TEST(again.step());
  BOOST_TEST(again.is_null(0));
  auto rows = db.prepare(all_rows);
  BOOST_TEST(rows.step());
  BOOST_TEST(rows.column_int64(0) == 1);
}

BOOST_FIXTURE_TEST_CASE(two_live_statements_with_the_same_sql_are_independent, fixture) {
  auto outer = db.prepare(all_rows);
  std::int64_t pairs = 0;
  while (outer.step()) {
    auto inner = db.prepare(all_rows);
    while (inner.step()) ++pairs;
  }
  BOOST_TEST(pairs == 9);
  BOOST_TEST(prepared() == 2);
}

BOOST_FIXTURE_TEST_CASE(a_statement_that_outlives_its_connection_is_finalized_safely, fixture) {
  std::optional<connection> other(std::in_place, dir / "t.db");
  auto q = other->prepare(all_rows);
  BOOST_TEST(q.step());
  other.reset();
  // q is destroyed after its connection closed: the cache is closed, so it finalizes itself and
  // SQLite's deferred close completes (the sanitizer build checks nothing leaks or is reused).
}

BOOST_FIXTURE_TEST_CASE(a_moved_connection_keeps_its_cache, fixture) {
  { auto q = db.prepare(all_rows); }
  connection moved(std::move(db));
  auto q = moved.prepare(all_rows);
  BOOST_TEST(q.step());
  int count = 0;
  for (sqlite3_stmt* s = sqlite3_next_stmt(moved.handle(), nullptr); s != nullptr; s = sqlite3_next_stmt(moved.handle(), s))
    ++count;
  BOOST_TEST(count == 1);
}
