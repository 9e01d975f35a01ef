#define BOOST_TEST_MODULE km_workflows_task_audit_test
// A task's failure is audited and passed on; an audit log that cannot be written does not hide it.
#include <boost/test/unit_test.hpp>

#include "site_fixture.hpp"
#include "workflows/task_audit.hpp"

using namespace arbor::km;

namespace {

void refuse_the_file() { throw error(errc::bad_input, "export.kms is not a transfer file: choose another", "magic"); }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(task_audit, testing::site_fixture)

BOOST_AUTO_TEST_CASE(a_failure_is_audited_with_its_reason_and_passed_on) {
  BOOST_CHECK_EXCEPTION(workflows::failure_audited(kms, "admin", "users-imported", "file=export.kms", refuse_the_file),
                        error, [](const error& e) { return e.code() == errc::bad_input; });
  const auto entry = last_audit();
  BOOST_TEST(entry.event == "users-imported");
  BOOST_TEST((entry.outcome == store::audit_outcome::failure));
  BOOST_TEST(entry.detail == "file=export.kms: export.kms is not a transfer file: choose another");
}

// The audit log cannot be written (here: the connection may only read, as on a disk gone
// read-only). The operator still reads what failed, and that it went unrecorded.
BOOST_AUTO_TEST_CASE(a_failure_the_audit_log_cannot_record_is_still_the_tasks_own) {
  kms.db().exec("PRAGMA query_only = 1");
  try {
    workflows::failure_audited(kms, "admin", "users-imported", "file=export.kms", refuse_the_file);
    BOOST_FAIL("the failure was not passed on");
  } catch (const error& e) {
    BOOST_TEST((e.code() == errc::bad_input));
    BOOST_TEST(std::string(e.what()).starts_with("export.kms is not a transfer file: choose another (This failure "
                                                 "could not be written to the audit log: "), e.what());
    BOOST_TEST(e.technical() == "magic");
  }
}

BOOST_AUTO_TEST_SUITE_END()
