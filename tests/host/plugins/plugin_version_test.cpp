#define BOOST_TEST_MODULE plugin_version
#include <boost/test/unit_test.hpp>

#include "host/plugins/plugin_version.hpp"

using arbor::host::is_dotted_version;
using arbor::host::version_at_least;

BOOST_AUTO_TEST_CASE(dotted_versions_are_whole_numbers_between_single_dots) {
  BOOST_TEST(is_dotted_version("1"));
  BOOST_TEST(is_dotted_version("0.2.0"));
  for (const char* bad : {"", ".1", "1.", "1..2", "1.2-rc1", "v1"}) BOOST_TEST(!is_dotted_version(bad), bad);
}

BOOST_AUTO_TEST_CASE(parts_compare_as_numbers_not_text) {
  BOOST_TEST(version_at_least("1.10.0", "1.9"));
  BOOST_TEST(!version_at_least("1.2.0", "1.10"));
  BOOST_TEST(version_at_least("2", "1.99.99"));
}

BOOST_AUTO_TEST_CASE(missing_parts_count_as_zero) {
  BOOST_TEST(version_at_least("1.2", "1.2.0"));
  BOOST_TEST(version_at_least("1.2.0", "1.2"));
  BOOST_TEST(!version_at_least("1.2", "1.2.1"));
}

BOOST_AUTO_TEST_CASE(a_suffix_after_the_digits_of_a_part_is_ignored) {
  BOOST_TEST(version_at_least("1.2.0-rc1", "1.2.0"));
  BOOST_TEST(!version_at_least("1.1.9-final", "1.2"));
}

BOOST_AUTO_TEST_CASE(huge_parts_saturate_instead_of_wrapping) {
  BOOST_TEST(version_at_least("99999999999999999999999", "18446744073709551615"));
  BOOST_TEST(!version_at_least("1.0", "99999999999999999999999"));
}
