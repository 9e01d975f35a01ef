#define BOOST_TEST_MODULE shamir_test
// Shamir's sharing: any threshold of the shares gives the secret back and one share fewer does not,
// a hand-computed polynomial, and the refusals of bad thresholds, counts and shares.
#include <boost/test/unit_test.hpp>

#include <openssl/rand.h>

#include <bit>
#include <functional>
#include <string>
#include <vector>

#include "common/km_error.hpp"
#include "crypto/shamir.hpp"

using arbor::km::errc;
using arbor::km::error;
using arbor::km::secret;
using namespace arbor::km::crypto::shamir;

namespace {

secret random_secret(std::size_t size) {
  secret bytes(size);
  BOOST_TEST_REQUIRE(RAND_bytes(bytes.data(), static_cast<int>(size)) == 1);
  return bytes;
}

// The shares whose index has its bit set in `mask`.
std::vector<share> subset(const std::vector<share>& shares, unsigned mask) {
  std::vector<share> chosen;
  for (std::size_t i = 0; i < shares.size(); ++i)
    if (mask & (1u << i)) chosen.push_back(shares[i]);
  return chosen;
}

share share_of(std::uint8_t x, std::vector<std::uint8_t> y) { return {x, secret(y.data(), y.size())}; }

// The action is refused with errc::bad_input and a message that holds `words`.
void expect_refused(const std::function<void()>& action, const std::string& words) {
  try {
    action();
  } catch (const error& e) {
    BOOST_TEST(static_cast<int>(e.code()) == static_cast<int>(errc::bad_input));
    BOOST_TEST(std::string(e.what()).find(words) != std::string::npos, e.what());
    return;
  }
  BOOST_FAIL("not refused; expected: " << words);
}

}  // namespace

BOOST_AUTO_TEST_CASE(shares_lie_at_one_to_count_and_are_as_long_as_the_secret) {
  const secret whole = random_secret(33);
  const auto shares = split(whole, 3, 7);
  BOOST_TEST_REQUIRE(shares.size() == 7u);
  for (unsigned i = 0; i < 7; ++i) {
    BOOST_TEST(shares[i].x == i + 1);
    BOOST_TEST(shares[i].y.size() == whole.size());
  }
}

BOOST_AUTO_TEST_CASE(with_threshold_one_every_share_is_the_secret) {
  const secret whole = random_secret(32);
  for (const share& each : split(whole, 1, 5)) BOOST_TEST((each.y == whole));
}

BOOST_AUTO_TEST_CASE(every_set_of_at_least_threshold_shares_gives_the_secret_back) {
  for (const std::size_t length : {1, 16, 32, 33}) {
    const secret whole = random_secret(length);
    for (unsigned threshold = 1; threshold <= 5; ++threshold)
      for (unsigned count = threshold; count <= 7; ++count) {
        const auto shares = split(whole, threshold, count);
        for (unsigned mask = 1; mask < (1u << count); ++mask)
          if (static_cast<unsigned>(std::popcount(mask)) >= threshold)
            BOOST_TEST_REQUIRE((combine(subset(shares, mask)) == whole),
                               "length " << length << ", " << threshold << " of " << count << ", mask " << mask);
      }
  }
}

// One share fewer than the threshold gives a uniformly random value: for 16 bytes or more, equal
// to the secret with probability 2^-128 at most.
BOOST_AUTO_TEST_CASE(one_share_fewer_than_the_threshold_does_not_give_the_secret) {
  for (const std::size_t length : {16, 32, 33}) {
    const secret whole = random_secret(length);
    for (unsigned threshold = 2; threshold <= 5; ++threshold)
      for (unsigned count = threshold; count <= 7; ++count) {
        const auto shares = split(whole, threshold, count);
        for (unsigned mask = 1; mask < (1u << count); ++mask)
          if (static_cast<unsigned>(std::popcount(mask)) == threshold - 1)
            BOOST_TEST_REQUIRE(!(combine(subset(shares, mask)) == whole),
                               "length " << length << ", " << threshold << " of " << count << ", mask " << mask);
      }
  }
}

BOOST_AUTO_TEST_CASE(the_order_of_the_shares_does_not_matter) {
  const secret whole = random_secret(32);
  auto shares = split(whole, 3, 5);
  const std::vector<share> shuffled = {shares[4], shares[0], shares[2]};
  BOOST_TEST((combine(shuffled) == whole));
}

// Worked by hand, in GF(2^8) without a reduction: byte 0 is f(x) = 0x2A + x + x^2 (x^2 is 4 at 2,
// and 5 at 3 since (x+1)^2 = x^2+1), byte 1 is g(x) = 0x10 * x.
BOOST_AUTO_TEST_CASE(gives_the_value_at_zero_of_a_hand_computed_polynomial) {
  const std::vector<share> shares = {share_of(1, {0x2A, 0x10}), share_of(2, {0x2C, 0x20}), share_of(3, {0x2C, 0x30})};
  const std::vector<std::uint8_t> expected = {0x2A, 0x00};
  BOOST_TEST((combine(shares) == secret(expected.data(), expected.size())));
}

BOOST_AUTO_TEST_CASE(split_refuses_bad_thresholds_counts_and_empty_secrets) {
  const secret whole = random_secret(32);
  expect_refused([&] { split(whole, 0, 3); }, "must be 1 to the number of shares (3), not 0");
  expect_refused([&] { split(whole, 4, 3); }, "must be 1 to the number of shares (3), not 4");
  expect_refused([&] { split(whole, 0, 0); }, "1 to 255 shares, not 0");
  expect_refused([&] { split(whole, 2, 256); }, "1 to 255 shares, not 256");
  expect_refused([&] { split(secret(), 1, 1); }, "an empty secret");
  BOOST_TEST(split(whole, 255, 255).size() == 255u);
}

BOOST_AUTO_TEST_CASE(combine_refuses_no_shares_x_zero_one_x_twice_and_unequal_lengths) {
  expect_refused([] { combine({}); }, "no shares were given");
  expect_refused([] { combine(std::vector{share_of(1, {1}), share_of(0, {2})}); }, "x = 0");
  expect_refused([] { combine(std::vector{share_of(2, {1}), share_of(2, {1})}); }, "share 2 was given twice");
  expect_refused([] { combine(std::vector{share_of(1, {1, 2}), share_of(2, {3})}); },
                 "share 2 and share 1 differ in length (1 and 2 bytes)");
  expect_refused([] { combine(std::vector{share_of(1, {}), share_of(2, {})}); }, "share 1 is empty");
}
