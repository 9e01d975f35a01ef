#define BOOST_TEST_MODULE import_file_test
// The transfer file an import reads: only a plain name of a regular file in KMSData is accepted.
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include <fstream>
#include <string>

#include "common/km_error.hpp"
#include "scratch_dir.hpp"
#include "store/data_directory.hpp"
#include "workflows/import_file.hpp"

using namespace arbor::km;

namespace {

struct kmsdata {
  testing::scratch_dir scratch;
  store::data_directory dir = store::data_directory::open(scratch / "kmsdata");
};

// True when building import_file(`name`) is refused as bad input with a message holding `says`.
bool refused(const store::data_directory& dir, const std::string& name, const std::string& says) {
  try {
    workflows::import_file file(dir, name);
  } catch (const error& e) {
    BOOST_TEST_MESSAGE(e.what());
    return e.code() == errc::bad_input && std::string(e.what()).find(says) != std::string::npos;
  }
  return false;
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(a_regular_file_in_kmsdata_named_plainly_is_accepted, kmsdata) {
  std::ofstream(dir.root() / "users.kmx") << "x";
  const workflows::import_file file(dir, "users.kmx");
  BOOST_TEST(file.path() == dir.root() / "users.kmx");
  BOOST_TEST(file.name() == "users.kmx");
}

BOOST_FIXTURE_TEST_CASE(an_empty_name_is_refused, kmsdata) {
  BOOST_TEST(refused(dir, "", "Type the name of the transfer file"));
}

BOOST_FIXTURE_TEST_CASE(a_name_that_is_a_path_or_has_a_control_character_is_refused, kmsdata) {
  std::ofstream(scratch / "elsewhere.kmx") << "x";
  BOOST_TEST(refused(dir, "../elsewhere.kmx", "is not a plain file name"));
  BOOST_TEST(refused(dir, "sub\\users.kmx", "is not a plain file name"));
  BOOST_TEST(refused(dir, ".", "is not a plain file name"));
  BOOST_TEST(refused(dir, "..", "is not a plain file name"));
  BOOST_TEST(refused(dir, "users\n.kmx", "is not a plain file name"));
  BOOST_TEST(refused(dir, "users\x7f.kmx", "is not a plain file name"));
}

BOOST_FIXTURE_TEST_CASE(a_name_that_is_no_regular_file_there_is_refused, kmsdata) {
  BOOST_TEST(refused(dir, "missing.kmx", "There is no file 'missing.kmx'"));
  BOOST_TEST(refused(dir, "backups", "There is no file"));  // a directory
  BOOST_REQUIRE(::mkfifo((dir.root() / "pipe.kmx").c_str(), 0600) == 0);
  BOOST_TEST(refused(dir, "pipe.kmx", "There is no file"));
  std::ofstream(scratch / "target.kmx") << "x";
  std::filesystem::create_symlink(scratch / "target.kmx", dir.root() / "link.kmx");
  BOOST_TEST(refused(dir, "link.kmx", "There is no file"));  // a link out of KMSData
  BOOST_TEST(refused(dir, std::string(300, 'x'), "There is no file"));  // too long for the file system
}
