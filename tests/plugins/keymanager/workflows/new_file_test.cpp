#define BOOST_TEST_MODULE new_file_test
// A path where a task creates a new file: never an existing file, never in the database folder.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <string>

#include "common/km_error.hpp"
#include "scratch_dir.hpp"
#include "workflows/new_file.hpp"

using namespace arbor::km;

namespace {

struct folders {
  testing::scratch_dir scratch;
  std::filesystem::path database_dir = scratch / "database";
  folders() { std::filesystem::create_directory(database_dir); }
};

bool refused(const std::filesystem::path& path, const std::filesystem::path& database_dir, const std::string& says,
             std::string_view named = {}) {
  try {
    workflows::new_file file(path, database_dir, named);
  } catch (const error& e) {
    BOOST_TEST_MESSAGE(e.what());
    return e.code() == errc::bad_input && std::string(e.what()).find(says) != std::string::npos;
  }
  return false;
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(a_new_file_in_an_existing_folder_is_accepted, folders) {
  BOOST_TEST(workflows::new_file(scratch / "kms.crt", database_dir).path() == scratch / "kms.crt");
}

BOOST_FIXTURE_TEST_CASE(an_empty_path_is_refused_naming_it_as_the_caller_does, folders) {
  BOOST_TEST(refused("", database_dir, "Type the path of the file to create (field 'path').", "field 'path'"));
  BOOST_TEST(refused("", database_dir, "Type the path of the file to create."));
}

BOOST_FIXTURE_TEST_CASE(an_existing_file_is_refused_and_left_alone, folders) {
  std::ofstream(scratch / "taken.crt") << "keep me";
  BOOST_TEST(refused(scratch / "taken.crt", database_dir, "already exists: choose a new file name."));
  std::ifstream in(scratch / "taken.crt");
  std::string content;
  std::getline(in, content);
  BOOST_TEST(content == "keep me");
}

BOOST_FIXTURE_TEST_CASE(a_dangling_symbolic_link_is_an_existing_file, folders) {
  std::filesystem::create_symlink(scratch / "nowhere", scratch / "link.crt");
  BOOST_TEST(refused(scratch / "link.crt", database_dir, "already exists"));
}

BOOST_FIXTURE_TEST_CASE(a_path_that_cannot_be_looked_at_is_refused, folders) {
  BOOST_TEST(refused(scratch / std::string(300, 'x') / "kms.crt", database_dir,
                     "(field 'output') cannot be checked", "field 'output'"));
}

BOOST_FIXTURE_TEST_CASE(a_missing_folder_is_refused, folders) {
  BOOST_TEST(refused(scratch / "no-such-folder" / "kms.crt", database_dir, "does not exist: create it"));
  std::ofstream(scratch / "a-file") << "x";
  BOOST_TEST(refused(scratch / "a-file" / "kms.crt", database_dir, "does not exist"));  // a file, no folder
}

BOOST_FIXTURE_TEST_CASE(the_database_folder_is_refused_however_it_is_named, folders) {
  BOOST_TEST(refused(database_dir / "kms.crt", database_dir, "is the Key Manager's database folder"));
  BOOST_TEST(refused(scratch / "." / "database" / "kms.crt", database_dir, "is the Key Manager's database folder"));
}
