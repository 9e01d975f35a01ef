#define BOOST_TEST_MODULE sealed_blob_test
// The frame both sealed formats share: a format's own header is kept, its version byte is
// authenticated (so a blob relabelled as another format does not open), and a key of the wrong
// size is refused before AES reads it. Tampering is tested with each format (sealing_test,
// x25519_seal_test).
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "common/km_error.hpp"
#include "crypto/sealed_blob.hpp"
#include "crypto_test_support.hpp"

using arbor::km::errc;
using arbor::km::secret;
using arbor::km::crypto::sealed_blob_format;
namespace test = arbor::km::test;

namespace {

constexpr sealed_blob_format four_byte_header(7, 4, "format seven does not verify");
constexpr sealed_blob_format other_version(8, 4, "format eight does not verify");
const secret key(std::string(32, 'k'));
const secret plaintext("some secret");

std::vector<std::uint8_t> sealed() {
  std::vector<std::uint8_t> blob{7, 'h', 'e', 'a', 'd'};
  four_byte_header.seal(key, "place", plaintext, blob);
  return blob;
}

test::refusal refusal(const sealed_blob_format& format, const secret& with, const std::vector<std::uint8_t>& blob) {
  return test::refusal_of([&] { format.open(with, blob, "place"); });
}

}  // namespace

BOOST_AUTO_TEST_CASE(keeps_the_header_and_opens_after_it) {
  const auto blob = sealed();
  BOOST_TEST(blob.size() == 5 + 12 + plaintext.size() + 16);
  BOOST_TEST(std::string(blob.begin() + 1, blob.begin() + 5) == "head");
  BOOST_TEST((four_byte_header.open(key, blob, "place") == plaintext));
}

BOOST_AUTO_TEST_CASE(a_blob_relabelled_as_another_version_does_not_open) {
  auto blob = sealed();
  blob[0] = other_version.version();
  const auto as_other = refusal(other_version, key, blob);
  BOOST_TEST((as_other.code == errc::crypto));
  BOOST_TEST(as_other.message == "format eight does not verify");
  BOOST_TEST(refusal(four_byte_header, key, blob).message == "format seven does not verify");
}

BOOST_AUTO_TEST_CASE(a_key_of_another_size_is_refused) {
  for (std::size_t size : {0, 16, 31, 33}) {
    std::vector<std::uint8_t> blob{7, 'h', 'e', 'a', 'd'};
    BOOST_TEST((test::refusal_of([&] { four_byte_header.seal(secret(size), "place", plaintext, blob); }).code ==
                errc::internal));
    const auto opening = refusal(four_byte_header, secret(size), sealed());
    BOOST_TEST((opening.code == errc::internal));
    BOOST_TEST(opening.message.find("instead of 32") != std::string::npos);
  }
}
