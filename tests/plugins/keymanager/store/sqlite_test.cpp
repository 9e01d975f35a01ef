#define BOOST_TEST_MODULE km_store_sqlite
#include <boost/test/unit_test.hpp>

#include "common/km_error.hpp"
#include "scratch_dir.hpp"
#include "store/sqlite.hpp"

using namespace arbor::km;
using store::sqlite::connection;
using store::sqlite::transaction;

namespace {

struct fixture {
  testing::scratch_dir dir;
  connection db{dir / "t.db"};
  fixture() { db.exec("CREATE TABLE t (v INTEGER, b BLOB)"); }

  std::int64_t rows() {
    auto q = db.prepare("SELECT count(*) FROM t");
    q.step();
    return q.column_int64(0);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(connection_enables_wal_and_foreign_keys, fixture) {
  auto mode = db.prepare("PRAGMA journal_mode");
  mode.step();
  BOOST_TEST(mode.column_text(0) == "wal");
  auto fk = db.prepare("PRAGMA foreign_keys");
  fk.step();
  BOOST_TEST(fk.column_int64(0) == 1);
}

BOOST_FIXTURE_TEST_CASE(transaction_rolls_back_when_not_committed, fixture) {
  {
    transaction tx(db);
    db.prepare("INSERT INTO t (v) VALUES (?1)").bind(1, std::int64_t{1}).run();
  }
  BOOST_TEST(rows() == 0);
  BOOST_TEST(!db.in_transaction());
}

BOOST_FIXTURE_TEST_CASE(committed_transaction_keeps_its_rows, fixture) {
  transaction tx(db);
  db.prepare("INSERT INTO t (v) VALUES (?1)").bind(1, std::int64_t{1}).run();
  tx.commit();
  BOOST_TEST(rows() == 1);
}

BOOST_FIXTURE_TEST_CASE(nested_transaction_rolls_back_only_its_own_work, fixture) {
  transaction outer(db);
  db.prepare("INSERT INTO t (v) VALUES (1)").run();
  {
    transaction inner(db);
    db.prepare("INSERT INTO t (v) VALUES (2)").run();
  }
  outer.commit();
  BOOST_TEST(rows() == 1);
}

BOOST_FIXTURE_TEST_CASE(joined_transaction_leaves_commit_and_rollback_to_the_outer_one, fixture) {
  {
    transaction outer(db);
    {
      transaction joined(db, transaction::inner::join);
      db.prepare("INSERT INTO t (v) VALUES (1)").run();
      joined.commit();
    }
    {
      transaction joined(db, transaction::inner::join);
      db.prepare("INSERT INTO t (v) VALUES (2)").run();
    }  // not committed: a joined transaction undoes nothing by itself
    BOOST_TEST(db.in_transaction());
    BOOST_TEST(rows() == 2);
  }  // the outer one rolls back both
  BOOST_TEST(rows() == 0);
  BOOST_TEST(!db.in_transaction());
}

BOOST_FIXTURE_TEST_CASE(joined_transaction_with_no_outer_one_is_a_transaction, fixture) {
  {
    transaction tx(db, transaction::inner::join);
    BOOST_TEST(db.in_transaction());
    db.prepare("INSERT INTO t (v) VALUES (1)").run();
  }
  BOOST_TEST(rows() == 0);
  transaction tx(db, transaction::inner::join);
  db.prepare("INSERT INTO t (v) VALUES (1)").run();
  tx.commit();
  BOOST_TEST(rows() == 1);
  BOOST_TEST(!db.in_transaction());
}

// What vault::snapshot relies on: reads that must agree see one state of the database even when
// another connection commits between them, and the writer is not held up meanwhile.
BOOST_FIXTURE_TEST_CASE(a_read_snapshot_keeps_seeing_the_database_as_its_first_read_did, fixture) {
  connection other{dir / "t.db"};
  {
    const store::sqlite::read_snapshot view(db);
    BOOST_TEST(rows() == 0);
    other.prepare("INSERT INTO t (v) VALUES (1)").run();
    BOOST_TEST(rows() == 0);
  }
  BOOST_TEST(!db.in_transaction());
  BOOST_TEST(rows() == 1);
}

BOOST_FIXTURE_TEST_CASE(a_read_snapshot_inside_a_transaction_leaves_it_open, fixture) {
  transaction tx(db);
  db.prepare("INSERT INTO t (v) VALUES (1)").run();
  { const store::sqlite::read_snapshot view(db); }
  BOOST_TEST(db.in_transaction());
  tx.commit();
  BOOST_TEST(rows() == 1);
}

BOOST_FIXTURE_TEST_CASE(errors_carry_the_sql_text_in_technical_detail, fixture) {
  try {
    db.prepare("SELECT nope FROM t");
    BOOST_FAIL("prepare should have failed");
  } catch (const error& e) {
    BOOST_TEST((e.code() == errc::internal));
    BOOST_TEST(e.technical().find("no such column: nope") != std::string::npos);
    BOOST_TEST(e.technical().find("SELECT nope FROM t") != std::string::npos);
  }
}

BOOST_FIXTURE_TEST_CASE(constraint_violation_is_a_conflict, fixture) {
  db.exec("CREATE TABLE u (k TEXT PRIMARY KEY)");
  db.prepare("INSERT INTO u VALUES ('a')").run();
  try {
    db.prepare("INSERT INTO u VALUES (?1)").bind(1, std::string_view("a")).run();
    BOOST_FAIL("duplicate key should have failed");
  } catch (const error& e) {
    BOOST_TEST((e.code() == errc::conflict));
    BOOST_TEST(e.technical().find("UNIQUE constraint failed") != std::string::npos);
  }
}

BOOST_FIXTURE_TEST_CASE(blobs_round_trip_with_zero_bytes_and_empty_is_not_null, fixture) {
  const std::vector<std::uint8_t> bytes{0, 1, 0, 255};
  db.prepare("INSERT INTO t (v, b) VALUES (1, ?1)").bind(1, bytes).run();
  db.prepare("INSERT INTO t (v, b) VALUES (2, ?1)").bind(1, std::vector<std::uint8_t>{}).run();
  db.prepare("INSERT INTO t (v, b) VALUES (3, ?1)").bind(1, nullptr).run();
  auto q = db.prepare("SELECT b FROM t ORDER BY v");
  BOOST_REQUIRE(q.step());
  BOOST_TEST(q.column_blob(0) == bytes);
  BOOST_REQUIRE(q.step());
  BOOST_TEST(!q.is_null(0));
  BOOST_TEST(q.column_blob(0).empty());
  BOOST_REQUIRE(q.step());
  BOOST_TEST(q.is_null(0));
}

BOOST_FIXTURE_TEST_CASE(reset_lets_a_statement_run_again_with_new_values, fixture) {
  auto insert = db.prepare("INSERT INTO t (v) VALUES (?1)");
  insert.bind(1, std::int64_t{7}).run();
  insert.reset();
  insert.bind(1, std::int64_t{8}).run();
  BOOST_TEST(rows() == 2);
}
