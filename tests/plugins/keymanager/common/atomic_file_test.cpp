#define BOOST_TEST_MODULE atomic_file_test
#include <boost/test/unit_test.hpp>

#include "common/atomic_file.hpp"
#include "common/km_error.hpp"
#include "crypto_test_support.hpp"

using arbor::km::errc;
using arbor::km::error;
using arbor::km::if_exists;
using arbor::km::write_file_atomically;
namespace test = arbor::km::test;

namespace {

const std::vector<std::uint8_t> content = {'n', 'e', 'w', 0, 0xff};

bool only_file_in(const test::scratch_dir& dir, const std::string& name) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    names.push_back(entry.path().filename().string());
  }
  return names == std::vector<std::string>{name};
}

}  // namespace

BOOST_AUTO_TEST_CASE(writes_the_bytes_with_the_requested_mode) {
  test::scratch_dir dir;
  const auto secret_file = dir / "secret";
  const auto public_file = dir / "public";
  write_file_atomically(secret_file, content, 0600, if_exists::refuse);
  write_file_atomically(public_file, content, 0644, if_exists::refuse);
  BOOST_TEST(test::read_bytes(secret_file) == content, boost::test_tools::per_element());
  BOOST_TEST(test::file_mode(secret_file) == 0600u);
  BOOST_TEST(test::file_mode(public_file) == 0644u);
}

BOOST_AUTO_TEST_CASE(mode_is_exact_whatever_the_umask) {
  test::scratch_dir dir;
  const mode_t previous = ::umask(0077);
  write_file_atomically(dir / "f", content, 0644, if_exists::refuse);
  ::umask(previous);
  BOOST_TEST(test::file_mode(dir / "f") == 0644u);
}

BOOST_AUTO_TEST_CASE(refuses_to_overwrite_an_existing_file_when_asked) {
  test::scratch_dir dir;
  const auto path = dir / "kept";
  test::write_text(path, "old");
  try {
    write_file_atomically(path, content, 0600, if_exists::refuse);
    BOOST_FAIL("an existing file was overwritten");
  } catch (const error& e) {
    BOOST_TEST(static_cast<int>(e.code()) == static_cast<int>(errc::conflict));
    BOOST_TEST(std::string(e.what()).find(path.string()) != std::string::npos);
  }
  BOOST_TEST(test::read_bytes(path) == std::vector<std::uint8_t>({'o', 'l', 'd'}),
             boost::test_tools::per_element());
  BOOST_TEST(only_file_in(dir, "kept"));
}

BOOST_AUTO_TEST_CASE(replaces_an_existing_file_when_allowed) {
  test::scratch_dir dir;
  const auto path = dir / "replaced";
  test::write_text(path, "old");
  write_file_atomically(path, content, 0640, if_exists::replace);
  BOOST_TEST(test::read_bytes(path) == content, boost::test_tools::per_element());
  BOOST_TEST(test::file_mode(path) == 0640u);
  BOOST_TEST(only_file_in(dir, "replaced"));
}

BOOST_AUTO_TEST_CASE(leaves_no_temporary_file_behind) {
  test::scratch_dir dir;
  write_file_atomically(dir / "one", content, 0600, if_exists::refuse);
  BOOST_TEST(only_file_in(dir, "one"));
}

BOOST_AUTO_TEST_CASE(reports_a_missing_directory_with_path_and_reason) {
  test::scratch_dir dir;
  const auto path = dir / "no-such-dir" / "file";
  try {
    write_file_atomically(path, content, 0600, if_exists::replace);
    BOOST_FAIL("writing into a missing directory succeeded");
  } catch (const error& e) {
    const std::string message = e.what();
    BOOST_TEST(static_cast<int>(e.code()) == static_cast<int>(errc::io));
    BOOST_TEST(message.find((dir / "no-such-dir").string()) != std::string::npos);
    BOOST_TEST(message.find("No such file or directory") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(writes_an_empty_file) {
  test::scratch_dir dir;
  write_file_atomically(dir / "empty", {}, 0600, if_exists::refuse);
  BOOST_TEST(std::filesystem::file_size(dir / "empty") == 0u);
}
