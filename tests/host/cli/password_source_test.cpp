#define BOOST_TEST_MODULE password_source
#include <boost/test/unit_test.hpp>

#include "blocking_fifo.hpp"
#include "host/cli/password_source.hpp"

using arbor::host::cli::password_source;

namespace {

std::string refusal(const std::filesystem::path& file) {
  auto source = password_source::from_file(file);
  return source ? "accepted" : source.error().message;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_password_file_that_is_a_fifo_is_refused_at_once) {
  const arbor::testing::blocking_fifo fifo("passwords");
  const std::string message = fifo.outcome_of([&] { return refusal(fifo.path()); });
  BOOST_TEST(message.find("password file " + fifo.path().string() + ": it is not a regular file") !=
             std::string::npos, message);
}

BOOST_AUTO_TEST_CASE(a_device_as_password_file_is_refused_without_reading_it) {
  // /dev/zero has no line end: reading it used to take the whole memory, one byte at a time.
  const std::string message = refusal("/dev/zero");
  BOOST_TEST(message.find("/dev/zero: it is not a regular file") != std::string::npos, message);
}
