#define BOOST_TEST_MODULE common_utc_time_test
#include <boost/test/unit_test.hpp>

#include "common/utc_time.hpp"
#include "unix_time.hpp"

using arbor::test::unix_time;
namespace km = arbor::km;

// 1700000000 is 2023-11-14T22:13:20Z (date -u -d @1700000000).
BOOST_AUTO_TEST_CASE(one_instant_in_each_form) {
  BOOST_TEST(km::utc_text(unix_time(1700000000)) == "2023-11-14 22:13:20 UTC");
  BOOST_TEST(km::utc_compact(unix_time(1700000000)) == "20231114T221320Z");
  BOOST_TEST(km::utc_rfc3339(unix_time(1700000000)) == "2023-11-14T22:13:20Z");
}

BOOST_AUTO_TEST_CASE(rfc3339_reads_back_what_it_writes) {
  BOOST_TEST(km::parse_utc_rfc3339("2023-11-14T22:13:20Z").value() == unix_time(1700000000));
  BOOST_TEST(km::parse_utc_rfc3339("1970-01-01T00:00:00Z").value() == unix_time(0));
}

BOOST_AUTO_TEST_CASE(rfc3339_refuses_every_other_spelling) {
  for (const char* text : {"2023-13-01T00:00:00Z", "2023-02-30T00:00:00Z", "2023-11-14T22:13:20+00:00",
                           "2023-11-14 22:13:20Z", "2023-11-14T22:13:20.5Z", "2023-11-14T22:13:20Zx",
                           "2023-1-14T22:13:20Z", "", "2023-11-14T22:13:60Z"}) {
    BOOST_TEST(!km::parse_utc_rfc3339(text).has_value(), text);
  }
}
