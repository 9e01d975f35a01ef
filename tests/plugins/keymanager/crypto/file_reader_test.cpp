#define BOOST_TEST_MODULE file_reader_test
#include <boost/test/unit_test.hpp>

#include "blocking_fifo.hpp"
#include "common/km_error.hpp"
#include "crypto/certificate.hpp"
#include "crypto/file_reader.hpp"
#include "crypto_test_support.hpp"
#include "store/sqlite.hpp"

#include "posix_locks.hpp"

#include <fcntl.h>
#include <unistd.h>

using namespace arbor::km;
namespace test = arbor::km::test;

namespace {

// The message of the refusal, or "accepted".
template <class Read>
std::string refusal(Read read) {
  try {
    read();
    return "accepted";
  } catch (const error& e) {
    return e.what();
  }
}

bool says(const std::string& message, const std::string& phrase) {
  BOOST_TEST_MESSAGE(message);
  return message.find(phrase) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_fifo_given_as_certificate_is_refused_at_once) {
  const arbor::testing::blocking_fifo fifo("destination.crt");
  const std::string message =
      fifo.outcome_of([&] { return refusal([&] { crypto::certificate::from_file(fifo.path()); }); });
  BOOST_TEST(says(message, fifo.path().string() + " is not a regular file"));
}

BOOST_AUTO_TEST_CASE(a_device_is_refused_before_any_byte_is_read) {
  BOOST_TEST(says(refusal([] { crypto::read_file("/dev/zero", 1024); }), "/dev/zero is not a regular file"));
}

BOOST_AUTO_TEST_CASE(a_file_over_the_limit_is_refused_naming_the_file_and_the_limit) {
  test::scratch_dir dir;
  test::write_bytes(dir / "big.crt", std::vector<std::uint8_t>((1 << 20) + 1, 'A'));
  const std::string message = refusal([&] { crypto::certificate::from_file(dir / "big.crt"); });
  BOOST_TEST(says(message, (dir / "big.crt").string() + " is too large"));
  BOOST_TEST(says(message, "the limit is 1 MiB"));
}


// An operator who types the database's path (or a symbolic link to it) as a certificate must not
// make the Key Manager open and close it: that would drop the locks of its own connection.
BOOST_AUTO_TEST_CASE(a_file_this_process_holds_open_is_refused_and_its_locks_stay) {
  test::scratch_dir dir;
  store::sqlite::connection db(dir / "kms.db");
  db.exec("CREATE TABLE t (x); INSERT INTO t VALUES (1)");
  auto read = db.prepare("SELECT x FROM t");
  read.step();
  BOOST_TEST_REQUIRE(arbor::testing::holds_posix_lock(::getpid(), dir / "kms.db"));
  std::filesystem::create_symlink(dir / "kms.db", dir / "destination.crt");
  for (const auto& path : {dir / "kms.db", dir / "kms.db-wal", dir / "destination.crt"}) {
    BOOST_TEST(says(refusal([&] { crypto::certificate::from_file(path); }), "already has open"), path);
    BOOST_TEST(arbor::testing::holds_posix_lock(::getpid(), dir / "kms.db"), path);
  }
}

// Two tasks of the web console read the Key Manager's certificate at once: a descriptor another
// reader holds is no lock, and the second reader is not refused.
BOOST_AUTO_TEST_CASE(a_file_another_reader_holds_open_is_read_again) {
  test::scratch_dir dir;
  test::write_bytes(dir / "kms.crt", std::vector<std::uint8_t>(100, 'A'));
  const crypto::file_reader first(dir / "kms.crt");
  BOOST_TEST(crypto::read_file(dir / "kms.crt", 1024).size() == 100u);
}

// ...but a reader's descriptor does not hide another one of the same file that is no reader's.
BOOST_AUTO_TEST_CASE(a_file_held_open_besides_a_reader_is_still_refused) {
  test::scratch_dir dir;
  test::write_bytes(dir / "kms.db", std::vector<std::uint8_t>(100, 'A'));
  const crypto::file_reader reader(dir / "kms.db");
  const int held = ::open((dir / "kms.db").c_str(), O_RDONLY | O_CLOEXEC);
  BOOST_TEST_REQUIRE(held >= 0);
  BOOST_TEST(says(refusal([&] { crypto::read_file(dir / "kms.db", 1024); }), "already has open"));
  ::close(held);
}
