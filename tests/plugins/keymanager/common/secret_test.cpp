#define BOOST_TEST_MODULE km_common_secret
#include <boost/test/unit_test.hpp>

#include <string>

#include "common/secret.hpp"

using arbor::km::secret;

BOOST_AUTO_TEST_CASE(truncate_keeps_the_first_bytes_and_the_allocation) {
  secret s(std::string_view("0123456789"));
  const std::uint8_t* before = s.data();
  s.truncate(4);
  BOOST_TEST(s.view() == "0123");
  BOOST_TEST(s.data() == before);  // no copy was made, so none is left behind
}

BOOST_AUTO_TEST_CASE(truncate_wipes_the_bytes_it_drops) {
  secret s(std::string_view("0123456789"));
  s.truncate(4);
  // The dropped bytes are still in the allocation (the vector keeps its capacity): they must be zero.
  const std::uint8_t* tail = s.data() + 4;
  for (int i = 0; i < 6; ++i) BOOST_TEST(tail[i] == 0);
}

BOOST_AUTO_TEST_CASE(truncate_to_a_larger_size_changes_nothing) {
  secret s(std::string_view("abc"));
  s.truncate(10);
  BOOST_TEST(s.view() == "abc");
}
