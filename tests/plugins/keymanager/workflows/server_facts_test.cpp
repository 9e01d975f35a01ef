#define BOOST_TEST_MODULE km_workflows_server_facts_test
// The General tab's facts, read once from the opened Key Manager.
#include <boost/test/unit_test.hpp>

#include "crypto/short_code.hpp"
#include "crypto/thumbprint.hpp"
#include "site_fixture.hpp"
#include "store/users.hpp"
#include "workflows/server_facts.hpp"

using namespace arbor::km;

BOOST_FIXTURE_TEST_SUITE(server_facts, testing::site_fixture)

BOOST_AUTO_TEST_CASE(the_facts_are_the_identitys_and_the_databases) {
  store::user_repository(kms.db()).add({"u-1", "alice", "Alice", "alice@example.org", "active", clock.now()});
  const auto facts = workflows::read_server_facts(kms);
  const auto& cert = kms.certificate();
  BOOST_TEST(facts.subject.find("Test KMS") != std::string::npos);
  BOOST_TEST(facts.key_algorithm == "EC P-384");
  BOOST_TEST(facts.short_code == crypto::grouped(crypto::short_code(cert)));
  BOOST_TEST(facts.sha1 == crypto::with_colons(crypto::sha1_hex(cert)));
  BOOST_TEST(facts.sha256 == crypto::with_colons(crypto::sha256_hex(cert)));
  BOOST_TEST((facts.valid_from < facts.valid_to));
  BOOST_TEST(facts.data_directory == kms.directory().root());
  BOOST_TEST(facts.schema_version > 0);
  BOOST_TEST(facts.users == 1);
}

BOOST_AUTO_TEST_SUITE_END()
