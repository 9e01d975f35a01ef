#define BOOST_TEST_MODULE backup_file_test
// The backup a restore reads: a name in backups/ or a path, of a regular file.
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include <fstream>
#include <string>

#include "common/km_error.hpp"
#include "scratch_dir.hpp"
#include "store/data_directory.hpp"
#include "workflows/backup_file.hpp"

using namespace arbor::km;

namespace {

struct kmsdata {
  testing::scratch_dir scratch;
  store::data_directory dir = store::data_directory::open(scratch / "kmsdata");
};

bool refused(const store::data_directory& dir, const std::string& given, const std::string& says) {
  try {
    workflows::backup_file file(dir, given);
  } catch (const error& e) {
    BOOST_TEST_MESSAGE(e.what());
    return e.code() == errc::bad_input && std::string(e.what()).find(says) != std::string::npos;
  }
  return false;
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(a_name_is_looked_up_in_backups_and_a_path_taken_as_it_is, kmsdata) {
  std::ofstream(dir.backups() / "kms-1.db") << "x";
  std::ofstream(scratch / "copied.db") << "x";
  BOOST_TEST(workflows::backup_file(dir, "kms-1.db").path() == dir.backups() / "kms-1.db");
  BOOST_TEST(workflows::backup_file(dir, (scratch / "copied.db").string()).path() == scratch / "copied.db");
}

BOOST_FIXTURE_TEST_CASE(an_empty_answer_is_refused, kmsdata) {
  BOOST_TEST(refused(dir, "", "Name the backup to restore."));
}

BOOST_FIXTURE_TEST_CASE(what_is_no_regular_file_is_refused, kmsdata) {
  BOOST_TEST(refused(dir, "missing.db", "There is no backup '" + (dir.backups() / "missing.db").string() + "'"));
  BOOST_TEST(refused(dir, scratch.path().string(), "There is no backup"));  // a directory
  BOOST_REQUIRE(::mkfifo((dir.backups() / "pipe.db").c_str(), 0600) == 0);
  BOOST_TEST(refused(dir, "pipe.db", "There is no backup"));
  BOOST_TEST(refused(dir, std::string(300, 'x'), "There is no backup"));  // too long for the file system
}
