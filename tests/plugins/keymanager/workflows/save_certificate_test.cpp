#define BOOST_TEST_MODULE save_certificate_test
// Save the KMS Certificate as a workflow: the file written, and the audit of success and failure.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <iterator>
#include <string>

#include "store/audit_log.hpp"
#include "workflow_fixture.hpp"
#include "workflows/save_certificate.hpp"

using namespace arbor::km;

namespace {

struct save_fixture : testing::escrow_fixture {
  std::filesystem::path target = dir / "kms.crt";

  workflows::save_certificate_request request(workflows::certificate_format format) {
    return {workflows::new_file(target, kms.directory().database_dir()), format, "admin"};
  }

  store::audit_entry last_audit() { return store::audit_log(kms.db()).recent(1).at(0); }
};

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(the_certificate_is_saved_as_pem_or_der_and_audited, save_fixture) {
  const auto saved = workflows::save_certificate(kms, request(workflows::certificate_format::pem));
  BOOST_TEST(saved.file == std::filesystem::absolute(target));
  BOOST_TEST(slurp(target) == kms.certificate().pem());
  const auto entry = last_audit();
  BOOST_TEST(entry.event == "certificate-saved");
  BOOST_TEST((entry.outcome == store::audit_outcome::success));
  BOOST_TEST(entry.detail == target.string());

  target = dir / "kms.der";
  workflows::save_certificate(kms, request(workflows::certificate_format::der));
  const auto der = kms.certificate().der();
  BOOST_TEST(slurp(target) == std::string(der.begin(), der.end()));
}

BOOST_FIXTURE_TEST_CASE(a_file_that_appeared_meanwhile_is_kept_and_the_failure_audited, save_fixture) {
  const auto late = request(workflows::certificate_format::pem);
  std::ofstream(target) << "keep me";
  BOOST_CHECK_THROW(workflows::save_certificate(kms, late), error);
  BOOST_TEST(slurp(target) == "keep me");
  const auto entry = last_audit();
  BOOST_TEST(entry.event == "certificate-saved");
  BOOST_TEST((entry.outcome == store::audit_outcome::failure));
  BOOST_TEST(entry.detail.starts_with(target.string() + ": "));
}
