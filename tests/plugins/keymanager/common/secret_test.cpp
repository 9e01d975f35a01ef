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

BOOST_AUTO_TEST_CASE(append_grows_and_keeps_what_was_there) {
  secret s;
  for (int i = 0; i < 100; ++i) s.append("0123456789");
  BOOST_TEST(s.size() == 1000u);
  BOOST_TEST(s.view().substr(990) == "0123456789");
}

BOOST_AUTO_TEST_CASE(reserve_makes_room_so_appends_do_not_move_the_bytes) {
  secret s;
  s.reserve(64);
  s.append("abc");
  const std::uint8_t* before = s.data();
  s.append(std::string(61, 'x'));
  BOOST_TEST(s.data() == before);
  BOOST_TEST(s.size() == 64u);
}

BOOST_AUTO_TEST_CASE(extend_gives_zeroed_room_at_the_end_to_fill) {
  secret s(std::string_view("ab"));
  const std::span<std::uint8_t> tail = s.extend(3);
  BOOST_TEST(tail.size() == 3u);
  for (const std::uint8_t b : tail) BOOST_TEST(b == 0);
  tail[0] = 'c';
  BOOST_TEST(s.view().substr(0, 3) == "abc");
  BOOST_TEST(s.size() == 5u);
}

BOOST_AUTO_TEST_CASE(clear_wipes_the_bytes_and_keeps_the_allocation_for_reuse) {
  secret s(std::string_view("0123456789"));
  const std::uint8_t* before = s.data();
  s.clear();
  BOOST_TEST(s.empty());
  for (int i = 0; i < 10; ++i) BOOST_TEST(before[i] == 0);  // still allocated: the secret owns it
  s.append("abc");
  BOOST_TEST(s.data() == before);
  BOOST_TEST(s.view() == "abc");
}
