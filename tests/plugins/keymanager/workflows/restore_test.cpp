#define BOOST_TEST_MODULE restore_test
// Back Up Database and Restore Database as workflows: each audits its success and its failure.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <string>

#include "store/audit_log.hpp"
#include "store/users.hpp"
#include "workflow_fixture.hpp"
#include "workflows/back_up.hpp"
#include "workflows/restore.hpp"

using namespace arbor::km;

namespace {

struct restore_fixture : testing::escrow_fixture {
  const secret password{"password"};
  store::audit_entry last_audit() { return store::audit_log(kms.db()).recent(1).at(0); }
  // The keyslots that open a backup: the administrator's, with `typed`.
  std::vector<administrator_key> as_admin(const secret& typed) const { return {{"admin", &typed}}; }
  workflows::restore_request request(const std::filesystem::path& backup, const secret& typed) const {
    return {workflows::backup_file(kms.directory(), backup.filename().string()), "admin", as_admin(typed)};
  }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(a_backup_is_listed_restored_and_both_are_audited, restore_fixture) {
  BOOST_TEST(workflows::list_backups(kms).names.empty());
  const auto backup = workflows::back_up(kms, {"admin"});
  BOOST_TEST(last_audit().event == "database-backed-up");
  BOOST_TEST(last_audit().detail == backup.file.string());
  const auto listed = workflows::list_backups(kms);
  BOOST_TEST(listed.folder == kms.directory().backups());
  BOOST_TEST(listed.names == std::vector<std::string>{backup.file.filename().string()});

  const auto restored =
      workflows::restore(kms, request(backup.file, password));
  BOOST_TEST(restored.restored_from == backup.file);
  BOOST_TEST(std::filesystem::exists(restored.pre_restore_copy));
  const auto entry = last_audit();
  BOOST_TEST(entry.event == "database-restored");
  BOOST_TEST((entry.outcome == store::audit_outcome::success));
  BOOST_TEST(entry.detail == backup.file.string() + " (previous database kept as " +
                                 restored.pre_restore_copy.string() + ")");
}

BOOST_FIXTURE_TEST_CASE(a_file_that_is_no_backup_is_refused_and_the_failure_audited, restore_fixture) {
  const auto junk = kms.directory().backups() / "junk.db";
  std::ofstream(junk) << "not a database";
  BOOST_CHECK_THROW(workflows::restore(kms, request(kms.directory().backups() / "junk.db", password)), error);
  const auto entry = last_audit();
  BOOST_TEST(entry.event == "database-restored");
  BOOST_TEST((entry.outcome == store::audit_outcome::failure));
  BOOST_TEST(entry.detail.starts_with(junk.string() + ": "));
}

// A backup keeps the keyslots of its time: after a password change it opens with the old password,
// not the new one (docs/key-protection.md: changing a password does not re-protect old backups).
BOOST_FIXTURE_TEST_CASE(a_backup_opens_with_the_passwords_valid_when_it_was_taken, restore_fixture) {
  const auto backup = workflows::back_up(kms, {"admin"});
  const secret changed("a-changed-password");
  kms.vault().change_password("admin", password, changed, testing::cheap_argon2);
  BOOST_CHECK_EXCEPTION(workflows::restore(kms, request(backup.file, changed)), error, [](const error& e) {
    return e.code() == errc::corrupt && std::string(e.what()).find("does not open with the password") != std::string::npos;
  });
  BOOST_TEST(workflows::restore(kms, request(backup.file, password)).restored_from == backup.file);
}

BOOST_FIXTURE_TEST_CASE(a_backup_of_another_key_manager_is_refused, restore_fixture) {
  testing::escrow_fixture other;
  const auto theirs = workflows::back_up(other.kms, {"admin"});
  const auto copied = kms.directory().backups() / theirs.file.filename();
  std::filesystem::copy_file(theirs.file, copied);
  BOOST_CHECK_EXCEPTION(workflows::restore(kms, request(copied, password)), error, [](const error& e) {
    return e.code() == errc::corrupt && std::string(e.what()).find("another Key Manager") != std::string::npos;
  });
}
