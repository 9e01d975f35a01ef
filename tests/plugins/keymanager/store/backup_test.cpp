#define BOOST_TEST_MODULE km_store_backup
#include <boost/test/unit_test.hpp>

#include "unix_time.hpp"

#include <sys/stat.h>

#include <fstream>

#include "common/km_error.hpp"
#include "scratch_dir.hpp"
#include "store/backup.hpp"
#include "store/schema.hpp"
#include "store/transfer_lock.hpp"
#include "store/users.hpp"

using namespace arbor::km;

namespace {

constexpr std::chrono::sys_seconds noon{std::chrono::seconds(1700000000)};  // 2023-11-14T22:13:20Z


bool refused_as(const error& e, errc code) { return e.code() == code; }

// Every check a restore does on the rows passes: the store tests look at the schema and rows only.
void accept_rows(store::sqlite::connection&) {}

std::string quoted(const std::string& name) { return "\"" + name + "\""; }

// The whole content of `db` through SQLite: schema text, version, page size, every row of every
// table. Two equal dumps mean nothing a restore could change was changed.
std::string dump(store::sqlite::connection& db) {
  std::string out;
  std::vector<std::string> tables;
  auto objects = db.prepare("SELECT type, name, ifnull(sql, '') FROM sqlite_schema ORDER BY type, name");
  while (objects.step()) {
    out += objects.column_text(0) + " " + objects.column_text(1) + ": " + objects.column_text(2) + "\n";
    if (objects.column_text(0) == "table") tables.push_back(objects.column_text(1));
  }
  for (const auto& pragma : {"user_version", "page_size", "journal_mode"}) {
    auto query = db.prepare(std::string("PRAGMA ") + pragma);
    query.step();
    out += std::string(pragma) + " " + query.column_text(0) + "\n";
  }
  for (const auto& table : tables) {
    std::string row;
    auto info = db.prepare("SELECT name FROM pragma_table_info(?1)");
    info.bind(1, table);
    while (info.step()) row += (row.empty() ? "" : " || ',' || ") + std::string("quote(") + quoted(info.column_text(0)) + ")";
    auto rows = db.prepare("SELECT " + row + " FROM " + quoted(table) + " ORDER BY 1");
    while (rows.step()) out += table + ": " + rows.column_text(0) + "\n";
  }
  return out;
}

std::int64_t page_size_of(store::sqlite::connection& db) {
  auto query = db.prepare("PRAGMA page_size");
  query.step();
  return query.column_int64(0);
}

struct fixture {
  testing::scratch_dir scratch;
  store::data_directory dir = store::data_directory::open(scratch / "kmsdata");
  store::sqlite::connection db = store::schema::open_database(dir.database());
  store::user_repository users{db};

  fixture() { users.add({"u1", "alice", "Alice", "alice@example.org", "active", arbor::test::unix_time(1)}); }

  // A backup of the live database, changed by `tamper` on a connection of its own.
  std::filesystem::path tampered_backup(const std::string& tamper) {
    const auto path = store::back_up(db, dir, noon);
    const auto moved = scratch / path.filename();
    std::filesystem::rename(path, moved);
    store::sqlite::connection copy(moved, {.create = false, .wal = false});
    copy.exec(tamper);
    return moved;
  }

  // Restoring `backup` is refused naming `object`, and the live database stays as it was, with
  // no pre-restore copy and no staging file left behind.
  void check_refused_naming(const std::filesystem::path& backup, const std::string& object) {
    const std::string before = dump(db);
    BOOST_CHECK_EXCEPTION(store::restore(db, dir, backup, noon, accept_rows), error, [&](const error& e) {
      BOOST_TEST_MESSAGE(e.what());
      return refused_as(e, errc::corrupt) && std::string(e.what()).find(object) != std::string::npos;
    });
    BOOST_TEST(dump(db) == before);
    BOOST_TEST(std::filesystem::is_empty(dir.backups()));
  }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(backup_is_a_private_file_named_by_time, fixture) {
  const auto path = store::back_up(db, dir, noon);
  BOOST_TEST(path.filename() == "kms-20231114T221320Z.db");
  struct stat st {};
  BOOST_REQUIRE(::stat(path.c_str(), &st) == 0);
  BOOST_TEST((st.st_mode & 0777) == 0600u);
}

BOOST_FIXTURE_TEST_CASE(two_backups_in_the_same_second_get_different_names, fixture) {
  const auto first = store::back_up(db, dir, noon);
  const auto second = store::back_up(db, dir, noon);
  BOOST_TEST(first != second);
  BOOST_TEST(store::list_backups(dir).size() == 2u);
}

BOOST_FIXTURE_TEST_CASE(restore_brings_back_deleted_data_and_keeps_a_pre_restore_copy, fixture) {
  const auto backup = store::back_up(db, dir, noon);
  users.remove("u1");
  users.add({"u2", "bob", "", "", "active", arbor::test::unix_time(2)});

  const auto result = store::restore(db, dir, backup, noon + std::chrono::seconds(60), accept_rows);

  BOOST_TEST(users.find_by_id("u1").has_value());
  BOOST_TEST(!users.find_by_id("u2").has_value());
  BOOST_TEST(result.backup_version == store::schema::current_version);
  BOOST_TEST(result.pre_restore_copy.filename().string().starts_with("pre-restore-"));
  store::sqlite::connection before(result.pre_restore_copy, {.create = false});
  BOOST_TEST(store::user_repository(before).find_by_id("u2").has_value());
  BOOST_TEST(!store::user_repository(before).find_by_id("u1").has_value());
}

BOOST_FIXTURE_TEST_CASE(restore_of_an_older_schema_migrates_it, fixture) {
  const auto old_path = dir.backups() / "old.db";
  {
    store::sqlite::connection old(old_path, {.wal = false});
    store::schema::migrate_to(old, 1);
    store::user_repository(old).add({"u9", "zoe", "", "", "active", arbor::test::unix_time(3)});
  }
  const auto result = store::restore(db, dir, old_path, noon, accept_rows);
  BOOST_TEST(result.backup_version == 1);
  BOOST_TEST(store::schema::version_of(db) == store::schema::current_version);
  BOOST_TEST(users.find_by_id("u9").has_value());
}

BOOST_FIXTURE_TEST_CASE(new_databases_use_sixteen_kib_pages, fixture) {
  BOOST_TEST(page_size_of(db) == store::sqlite::page_size);
  store::sqlite::connection copy(store::back_up(db, dir, noon), {.create = false});
  BOOST_TEST(page_size_of(copy) == store::sqlite::page_size);
}

BOOST_FIXTURE_TEST_CASE(restore_of_a_backup_with_other_pages_keeps_the_live_page_size, fixture) {
  const auto old_path = dir.backups() / "four-kib.db";
  {
    store::sqlite::connection old(old_path, {.wal = false});
    old.exec("PRAGMA page_size=4096");  // still empty: this sets it
    store::schema::migrate(old);
    BOOST_REQUIRE(page_size_of(old) == 4096);
    store::user_repository(old).add({"u8", "yan", "", "", "active", arbor::test::unix_time(4)});
  }
  store::restore(db, dir, old_path, noon, accept_rows);
  BOOST_TEST(users.find_by_id("u8").has_value());
  BOOST_TEST(!users.find_by_id("u1").has_value());
  BOOST_TEST(page_size_of(db) == store::sqlite::page_size);
  store::sqlite::connection backup(old_path, {.create = false, .wal = false});
  BOOST_TEST(page_size_of(backup) == 4096);  // the backup itself is left as it was
  // Only the backup, the pre-restore copy and no temporary file remain.
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.backups())) ++files;
  BOOST_TEST(files == 2u);
}

BOOST_FIXTURE_TEST_CASE(restore_refuses_a_file_that_is_not_a_database, fixture) {
  const auto junk = scratch / "junk.db";
  std::ofstream(junk) << std::string(4096, 'j');
  BOOST_CHECK_EXCEPTION(store::restore(db, dir, junk, noon, accept_rows), error,
                        [](const error& e) { return refused_as(e, errc::corrupt); });
  BOOST_TEST(users.find_by_id("u1").has_value());
  BOOST_TEST(store::list_backups(dir).empty());  // refused before the pre-restore copy
}

BOOST_FIXTURE_TEST_CASE(restore_refuses_a_database_without_our_tables, fixture) {
  const auto other = scratch / "other.db";
  {
    store::sqlite::connection c(other, {.wal = false});
    c.exec("CREATE TABLE photos (id INTEGER); PRAGMA user_version = 2");
  }
  BOOST_CHECK_EXCEPTION(store::restore(db, dir, other, noon, accept_rows), error, [](const error& e) {
    return refused_as(e, errc::corrupt) &&
           std::string(e.what()).find("table photos") != std::string::npos;
  });
  BOOST_TEST(users.find_by_id("u1").has_value());
}

BOOST_FIXTURE_TEST_CASE(restore_refuses_a_missing_file, fixture) {
  BOOST_CHECK_EXCEPTION(store::restore(db, dir, scratch / "nope.db", noon, accept_rows), error,
                        [](const error& e) { return refused_as(e, errc::not_found); });
}

BOOST_FIXTURE_TEST_CASE(restore_refuses_our_table_names_with_other_columns, fixture) {
  const auto crafted = scratch / "columns-x.db";
  {
    store::sqlite::connection reference(":memory:", {.wal = false});
    store::schema::migrate(reference);
    store::sqlite::connection c(crafted, {.wal = false});
    auto tables = reference.prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid");
    while (tables.step()) c.exec("CREATE TABLE " + quoted(tables.column_text(0)) + " (x)");
    c.exec("PRAGMA user_version = " + std::to_string(store::schema::current_version));
  }
  check_refused_naming(crafted, "column users.x");
}

BOOST_FIXTURE_TEST_CASE(restore_refuses_a_trigger_that_keeps_users_and_dropped_audit_triggers, fixture) {
  check_refused_naming(tampered_backup("CREATE TRIGGER users_stay BEFORE DELETE ON users "
                                       "BEGIN SELECT RAISE(IGNORE); END;"
                                       "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"),
                       "trigger users_stay");
  check_refused_naming(tampered_backup("DROP TRIGGER audit_log_no_delete"), "trigger audit_log_no_delete");
}

BOOST_FIXTURE_TEST_CASE(restore_refuses_an_extra_column, fixture) {
  check_refused_naming(tampered_backup("ALTER TABLE users ADD COLUMN note TEXT"), "column users.note");
  check_refused_naming(tampered_backup("ALTER TABLE key_history ADD COLUMN shadow AS (sealed_key)"),
                       "column key_history.shadow");
}

BOOST_FIXTURE_TEST_CASE(restore_refuses_a_view, fixture) {
  check_refused_naming(tampered_backup("CREATE VIEW everyone AS SELECT * FROM users"), "view everyone");
}

BOOST_FIXTURE_TEST_CASE(restore_refuses_rows_the_product_schema_forbids, fixture) {
  // Foreign keys off on the tampering connection, as a crafted file would be written.
  check_refused_naming(tampered_backup("PRAGMA foreign_keys=OFF;"
                                       "INSERT INTO enrollment_tokens VALUES ('t1', 'ghost', 'enroll', 'h', 1, 2, NULL)"),
                       "enrollment_tokens");
}

BOOST_FIXTURE_TEST_CASE(restore_refuses_what_the_rows_check_refuses, fixture) {
  const auto backup = store::back_up(db, dir, noon);
  const auto moved = scratch / backup.filename();
  std::filesystem::rename(backup, moved);
  const std::string before = dump(db);
  std::int64_t users_seen = -1;
  BOOST_CHECK_EXCEPTION(store::restore(db, dir, moved, noon,
                                       [&](store::sqlite::connection& restored) {
                                         users_seen = store::user_repository(restored).count();
                                         throw error(errc::crypto, "key 1 of user u1 does not open");
                                       }),
                        error, [](const error& e) {
                          return refused_as(e, errc::corrupt) &&
                                 std::string(e.what()).find("key 1 of user u1 does not open") != std::string::npos;
                        });
  BOOST_TEST(users_seen == 1);
  BOOST_TEST(dump(db) == before);
  BOOST_TEST(std::filesystem::is_empty(dir.backups()));
}

// A backup taken while an export ran in another process holds its journal entry; the live
// database resolved that export since, so restoring the entry would resolve it a second time.
BOOST_FIXTURE_TEST_CASE(restore_leaves_the_export_journal_of_the_backup_behind, fixture) {
  const auto backup = tampered_backup(
      "INSERT INTO export_journal (transfer_id, peer_sha256, file_name, actor, reason, started_at, state) "
      "VALUES ('0123456789abcdef0123456789abcdef', 'aa', 'users.kmx', 'admin', 'affiliationChanged', 1, 'writing');"
      "INSERT INTO transfer_users VALUES ('u1', '0123456789abcdef0123456789abcdef', 0);");
  store::restore(db, dir, backup, noon, accept_rows);
  auto entries = db.prepare("SELECT count(*) FROM export_journal");
  entries.step();
  BOOST_TEST(entries.column_int64(0) == 0);
  BOOST_TEST(store::user_repository(db).count() == 1);
}

// A backup whose counters are at the top of SQLite's range would leave no next audit id: every
// login after the restore would fail, Restore included.
BOOST_FIXTURE_TEST_CASE(restore_refuses_row_ids_at_the_top_of_the_range, fixture) {
  check_refused_naming(tampered_backup("INSERT INTO audit_log (id, at, actor, event, outcome) "
                                       "VALUES (9223372036854775807, 1, 'x', 'x', 'success')"),
                       "audit_log");
}

// The lockout is the state of this database's login attempts: a backup cannot lock anyone out.
BOOST_FIXTURE_TEST_CASE(restore_takes_no_lockout_from_the_backup, fixture) {
  const auto backup = tampered_backup("INSERT INTO lockout VALUES ('admin', 99, 9000000000000000000)");
  store::restore(db, dir, backup, noon, accept_rows);
  auto rows = db.prepare("SELECT count(*) FROM lockout");
  rows.step();
  BOOST_TEST(rows.column_int64(0) == 0);
}

BOOST_FIXTURE_TEST_CASE(restore_waits_for_an_unresolved_export_and_for_a_running_one, fixture) {
  const auto backup = store::back_up(db, dir, noon);
  db.exec("INSERT INTO export_journal (transfer_id, peer_sha256, file_name, actor, reason, started_at, state) "
          "VALUES ('0123456789abcdef0123456789abcdef', 'aa', 'users.kmx', 'admin', 'affiliationChanged', 1, 'written')");
  BOOST_CHECK_EXCEPTION(store::restore(db, dir, backup, noon, accept_rows), error,
                        [](const error& e) { return refused_as(e, errc::conflict); });
  db.exec("DELETE FROM export_journal");
  const auto held = store::transfer_lock::acquire(dir.root(), "export", noon);
  BOOST_CHECK_EXCEPTION(store::restore(db, dir, backup, noon, accept_rows), error,
                        [](const error& e) { return refused_as(e, errc::conflict); });
}
