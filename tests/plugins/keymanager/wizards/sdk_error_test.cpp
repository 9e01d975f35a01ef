#define BOOST_TEST_MODULE wizard_sdk_error_test
// Where the Key Manager's errors meet the console: codes become SDK reasons, and settings that
// must be set are pointed to where the console sets them.
#include <boost/test/unit_test.hpp>

#include "wizards/sdk_error.hpp"
#include "workflows/unusable_settings.hpp"

#include <string>

using namespace arbor;
using namespace arbor::km;

BOOST_AUTO_TEST_CASE(unset_settings_are_pointed_to_their_properties_tab) {
  using group = workflows::unusable_settings::group;
  const auto ca = wizards::to_sdk_error(
      workflows::unusable_settings(group::certificate_services, errc::bad_input, "no CA address"));
  BOOST_TEST(ca.message ==
             "Certificate Services is not configured: set the CA address under Properties > Certificate Services.");
  BOOST_TEST((ca.why == sdk::reason::invalid_input));
  const auto enrollment =
      wizards::to_sdk_error(workflows::unusable_settings(group::enrollment, errc::corrupt, "unusable", "lifetime 5"));
  BOOST_TEST(enrollment.message == "A stored Enrollment setting is unusable: set it again under Properties > Enrollment.");
  BOOST_TEST(enrollment.technical == "lifetime 5");
  BOOST_TEST((enrollment.why == sdk::reason::failed));
}

BOOST_AUTO_TEST_CASE(other_errors_keep_their_message) {
  const auto e = wizards::to_sdk_error(error(errc::locked_out, "admin is locked", "until 12:00"));
  BOOST_TEST(e.message == "admin is locked");
  BOOST_TEST((e.why == sdk::reason::denied));
}
