#define BOOST_TEST_MODULE web_connection_slots_test
#include <boost/test/unit_test.hpp>

#include "host/web/connection_slots.hpp"

using namespace arbor::host::web;
using refusal = connection_slots::refusal;

BOOST_AUTO_TEST_CASE(each_address_gets_its_bound_and_a_slot_given_back_is_taken_again) {
  connection_slots slots(10, 2);
  BOOST_TEST((slots.take("192.0.2.1") == refusal::none));
  BOOST_TEST((slots.take("192.0.2.1") == refusal::none));
  BOOST_TEST((slots.take("192.0.2.1") == refusal::address_full));
  BOOST_TEST((slots.take("192.0.2.2") == refusal::none));
  slots.give_back("192.0.2.1");
  BOOST_TEST((slots.take("192.0.2.1") == refusal::none));
  BOOST_TEST((slots.take("192.0.2.1") == refusal::address_full));
}

BOOST_AUTO_TEST_CASE(the_bound_in_all_holds_over_every_address) {
  connection_slots slots(3, 2);
  BOOST_TEST((slots.take("192.0.2.1") == refusal::none));
  BOOST_TEST((slots.take("192.0.2.1") == refusal::none));
  BOOST_TEST((slots.take("192.0.2.2") == refusal::none));
  BOOST_TEST((slots.take("192.0.2.3") == refusal::all_taken));
  slots.give_back("192.0.2.1");
  BOOST_TEST((slots.take("192.0.2.3") == refusal::none));
}

BOOST_AUTO_TEST_CASE(an_address_that_holds_no_slot_gives_back_nothing) {
  connection_slots slots(1, 1);
  slots.give_back("192.0.2.9");
  BOOST_TEST((slots.take("192.0.2.1") == refusal::none));
  BOOST_TEST((slots.take("192.0.2.2") == refusal::all_taken));
}

BOOST_AUTO_TEST_CASE(ipv6_clients_count_per_64_and_ipv4_mapped_ones_as_ipv4) {
  BOOST_TEST(client_key("2001:db8:1:2:aaaa::1") == "2001:db8:1:2::/64");
  BOOST_TEST(client_key("2001:db8:1:2:bbbb::7") == client_key("2001:db8:1:2:aaaa::1"));
  BOOST_TEST(client_key("2001:db8:1:3::1") != client_key("2001:db8:1:2::1"));
  BOOST_TEST(client_key("::ffff:192.0.2.1") == "192.0.2.1");
  BOOST_TEST(client_key("127.0.0.1") == "127.0.0.1");  // loopback counts like any address
  BOOST_TEST(client_key("an unknown address") == "an unknown address");
}
