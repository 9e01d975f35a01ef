#define BOOST_TEST_MODULE km_instance_identity_name_test
// The default name of a new Key Manager's identity: host and data directory, so two servers are
// told apart, within the 64 characters of a common name and in plain text.
#include <boost/test/unit_test.hpp>

#include "instance/identity_name.hpp"

#include <string>

using arbor::km::default_identity_name;

BOOST_AUTO_TEST_CASE(the_name_holds_the_host_and_the_data_directory) {
  BOOST_TEST(default_identity_name("vm", "/srv/kmsdata") == "Key Management Service (vm:/srv/kmsdata)");
  BOOST_TEST(default_identity_name("vm", "/srv/kmsdata-b") != default_identity_name("vm", "/srv/kmsdata"));
}

BOOST_AUTO_TEST_CASE(a_long_directory_keeps_its_end_within_64_characters) {
  const std::string deep = "/home/operator/projects/arbor/checkouts/second-try/var/kmsdata-b";
  const std::string name = default_identity_name("vm", deep);
  BOOST_TEST(name.size() == 64u);
  BOOST_TEST(name.starts_with("Key Management Service (vm:..."));
  BOOST_TEST(name.ends_with("/var/kmsdata-b)"));
}

BOOST_AUTO_TEST_CASE(the_host_is_its_first_label_and_at_most_16_characters) {
  BOOST_TEST(default_identity_name("kms1.example.org", "/d") == "Key Management Service (kms1:/d)");
  BOOST_TEST(default_identity_name("a-very-long-host-name-indeed", "/d") ==
             "Key Management Service (a-very-long-host:/d)");
}

BOOST_AUTO_TEST_CASE(control_characters_and_other_bytes_become_underscores) {
  BOOST_TEST(default_identity_name("v\x1b[2Jm", "/srv/caf\xc3\xa9\n") ==
             "Key Management Service (v_[2Jm:/srv/caf___)");
}

BOOST_AUTO_TEST_CASE(without_a_host_name_only_the_directory_is_named) {
  BOOST_TEST(default_identity_name("", "/srv/kmsdata") == "Key Management Service (/srv/kmsdata)");
}
