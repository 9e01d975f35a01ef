#define BOOST_TEST_MODULE km_store_data_directory
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "common/km_error.hpp"
#include "scratch_dir.hpp"
#include "store/data_directory.hpp"
#include "store/sqlite.hpp"

using namespace arbor::km;

namespace {

mode_t mode_of(const std::filesystem::path& p) {
  struct stat st {};
  ::stat(p.c_str(), &st);
  return st.st_mode & 07777;
}

void write_file(const std::filesystem::path& p, mode_t mode) {
  std::ofstream(p) << "secret";
  ::chmod(p.c_str(), mode);
}

bool code_is(const error& e, errc code) { return e.code() == code; }

}  // namespace

BOOST_AUTO_TEST_CASE(missing_directory_is_created_private_with_backups) {
  testing::scratch_dir scratch;
  const auto root = scratch / "deep" / "kmsdata";
  const auto dir = store::data_directory::open(root);
  BOOST_TEST(mode_of(root) == 0700u);
  BOOST_TEST(mode_of(dir.backups()) == 0700u);
  BOOST_TEST(dir.database() == root / "database" / "kms.db");
  BOOST_TEST(mode_of(dir.database_dir()) == 0700u);
  BOOST_TEST(dir.master_key() == root / "master.key");
  BOOST_TEST(dir.sealed_server_key() == root / "kms.key.sealed");
}

BOOST_AUTO_TEST_CASE(directory_open_to_others_is_tightened) {
  testing::scratch_dir scratch;
  const auto root = scratch / "kmsdata";
  std::filesystem::create_directory(root);
  ::chmod(root.c_str(), 0755);
  store::data_directory::open(root);
  BOOST_TEST(mode_of(root) == 0700u);
}

BOOST_AUTO_TEST_CASE(a_file_where_the_directory_should_be_is_refused) {
  testing::scratch_dir scratch;
  write_file(scratch / "kmsdata", 0600);
  BOOST_CHECK_EXCEPTION(store::data_directory::open(scratch / "kmsdata"), error,
                        [](const error& e) {
                          return e.code() == errc::bad_input &&
                                 std::string(e.what()).find("not a directory") != std::string::npos;
                        });
}

// Root passes every access() check, and CI runs as root: the refusal reads the mode bits.
BOOST_AUTO_TEST_CASE(a_directory_that_cannot_be_written_is_refused) {
  testing::scratch_dir scratch;
  const auto root = scratch / "kmsdata";
  std::filesystem::create_directory(root);
  ::chmod(root.c_str(), 0500);
  BOOST_CHECK_EXCEPTION(store::data_directory::open(root), error,
                        [](const error& e) { return code_is(e, errc::io); });
  ::chmod(root.c_str(), 0700);
}

BOOST_AUTO_TEST_CASE(every_file_of_a_fresh_directory_is_private_whatever_the_umask) {
  testing::scratch_dir scratch;
  const mode_t previous = ::umask(022);
  const auto dir = store::data_directory::open(scratch / "kmsdata");
  store::sqlite::connection db(dir.database());
  db.exec("CREATE TABLE t(x); INSERT INTO t VALUES (1)");
  ::umask(previous);
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir.root())) {
    const mode_t expected = entry.is_directory() ? 0700u : 0600u;
    BOOST_TEST(mode_of(entry.path()) == expected, entry.path().string());
    ++files;
  }
  BOOST_TEST(files == 5);  // backups/, database/, kms.db and, while the connection is open, -wal and -shm
}

BOOST_AUTO_TEST_CASE(secret_file_readable_by_others_is_refused) {
  testing::scratch_dir scratch;
  write_file(scratch / "master.key", 0644);
  BOOST_CHECK_EXCEPTION(store::require_private_file(scratch / "master.key"), error,
                        [](const error& e) {
                          return e.code() == errc::bad_input &&
                                 std::string(e.what()).find("chmod 600") != std::string::npos;
                        });
}

BOOST_AUTO_TEST_CASE(secret_file_with_mode_0600_is_accepted) {
  testing::scratch_dir scratch;
  write_file(scratch / "master.key", 0600);
  BOOST_CHECK_NO_THROW(store::require_private_file(scratch / "master.key"));
}

BOOST_AUTO_TEST_CASE(missing_secret_file_is_not_found) {
  testing::scratch_dir scratch;
  BOOST_CHECK_EXCEPTION(store::require_private_file(scratch / "master.key"), error,
                        [](const error& e) { return code_is(e, errc::not_found); });
}

namespace {

// A kms.db in `root` as an earlier version left it when its process died: its last write still
// only in the WAL (the child exits without closing, so nothing is checkpointed).
void leave_old_database_with_wal(const std::filesystem::path& root) {
  std::filesystem::create_directories(root);
  const pid_t child = ::fork();
  if (child == 0) {
    store::sqlite::connection db(root / "kms.db");
    db.exec("PRAGMA wal_autocheckpoint=0");
    db.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('written before the move')");
    ::_exit(0);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  BOOST_REQUIRE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  BOOST_REQUIRE(std::filesystem::exists(root / "kms.db-wal"));
}

std::string note_in(const std::filesystem::path& database) {
  store::sqlite::connection db(database, {.create = false});
  auto query = db.prepare("SELECT text FROM notes");
  BOOST_REQUIRE(query.step());
  return query.column_text(0);
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_database_in_the_root_moves_into_the_database_directory_with_its_wal) {
  testing::scratch_dir scratch;
  const auto root = scratch / "kmsdata";
  leave_old_database_with_wal(root);
  const auto dir = store::data_directory::open(root);
  BOOST_TEST(!std::filesystem::exists(root / "kms.db"));
  BOOST_TEST(!std::filesystem::exists(root / "kms.db-wal"));
  BOOST_TEST(!std::filesystem::exists(root / "kms.db-shm"));
  BOOST_TEST(note_in(dir.database()) == "written before the move");
}

BOOST_AUTO_TEST_CASE(a_database_in_the_root_still_open_elsewhere_is_not_moved) {
  testing::scratch_dir scratch;
  const auto root = scratch / "kmsdata";
  leave_old_database_with_wal(root);
  store::sqlite::connection still_open(root / "kms.db", {.create = false});
  BOOST_CHECK_EXCEPTION(store::data_directory::open(root), error, [](const error& e) {
    return e.code() == errc::conflict && std::string(e.what()).find("still in use") != std::string::npos;
  });
  BOOST_TEST(std::filesystem::exists(root / "kms.db"));
  BOOST_TEST(!std::filesystem::exists(root / "database" / "kms.db"));
}
