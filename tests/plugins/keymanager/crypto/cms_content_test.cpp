#define BOOST_TEST_MODULE km_transfer_cms_content
#include <boost/test/unit_test.hpp>

#include <openssl/bio.h>

#include <string>

#include "crypto/cms_content.hpp"

using arbor::km::crypto::secret_sink;

namespace {

void write(const secret_sink& sink, std::string_view text) {
  BOOST_REQUIRE(BIO_write(sink.bio(), text.data(), static_cast<int>(text.size())) == static_cast<int>(text.size()));
}

}  // namespace

BOOST_AUTO_TEST_CASE(pieces_written_come_out_in_order_and_nothing_more) {
  secret_sink sink(64);
  write(sink, "first ");
  write(sink, "");
  write(sink, "second");
  BOOST_TEST(BIO_flush(sink.bio()) == 1);
  BOOST_TEST(sink.take().view() == "first second");
}

BOOST_AUTO_TEST_CASE(more_than_expected_still_fits) {
  secret_sink sink(4);
  std::string expected;
  for (int i = 0; i < 1000; ++i) {
    const std::string piece = std::to_string(i) + ",";
    write(sink, piece);
    expected += piece;
  }
  BOOST_TEST(sink.take().view() == expected);
}

BOOST_AUTO_TEST_CASE(take_leaves_the_sink_empty) {
  secret_sink sink(16);
  write(sink, "abc");
  BOOST_TEST(sink.take().view() == "abc");
  BOOST_TEST(sink.take().empty());
  write(sink, "de");
  BOOST_TEST(sink.take().view() == "de");
}

BOOST_AUTO_TEST_CASE(a_sink_reads_nothing_back) {
  secret_sink sink(16);
  write(sink, "abc");
  char buffer[4];
  BOOST_TEST(BIO_read(sink.bio(), buffer, sizeof buffer) <= 0);
}
