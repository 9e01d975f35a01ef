#define BOOST_TEST_MODULE import_users_test
// Import Users as a workflow: its steps audit their refusals, the import its success and its
// failure, and a cancel from the progress rolls everything back.
#include <boost/test/unit_test.hpp>

#include <string>

#include "export_fixture.hpp"
#include "store/audit_log.hpp"
#include "store/users.hpp"
#include "workflows/import_users.hpp"

using namespace arbor::km;

namespace {

// A progress whose operator asks to stop at the first user.
class cancelling_progress final : public workflows::progress {
 public:
  void phase(std::string_view, std::uint64_t) override {}
  void step(std::string_view) override { stepped_ = true; }
  bool cancelled() const override { return stepped_; }

 private:
  bool stepped_ = false;
};

struct import_fixture : testing::export_fixture {
  workflows::silent_progress quiet;

  import_fixture() {
    user("alice", 1);
    std::filesystem::copy_file(run(request()).file, destination.directory().root() / "users.kmx");
  }

  static std::string words(std::string_view reason, bool) { return std::string(reason); }

  workflows::import_request request_for_file() {
    const auto file = workflows::preview_import(destination, destination_keys, "admin", "users.kmx");
    return {workflows::accept_source(destination, "admin", file, file.signer().sha256, words), {}, 1, {}, "admin"};
  }

  // The newest audit entry: event, outcome and detail.
  store::audit_entry last_audit() { return store::audit_log(destination.db()).recent(1).at(0); }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(a_file_name_refused_is_audited_as_a_refused_import, import_fixture) {
  BOOST_CHECK_THROW(workflows::preview_import(destination, destination_keys, "admin", "../users.kmx"), error);
  const auto entry = last_audit();
  BOOST_TEST(entry.event == "users-import-refused");
  BOOST_TEST((entry.outcome == store::audit_outcome::failure));
  BOOST_TEST(entry.actor == "admin");
  BOOST_TEST(entry.detail.starts_with("../users.kmx: '../users.kmx' is not a plain file name"));
}

BOOST_FIXTURE_TEST_CASE(a_thumbprint_refused_is_audited_as_a_refused_import, import_fixture) {
  const auto file = workflows::preview_import(destination, destination_keys, "admin", "users.kmx");
  BOOST_CHECK_THROW(workflows::accept_source(destination, "admin", file, "0000", words), error);
  const auto entry = last_audit();
  BOOST_TEST(entry.event == "users-import-refused");
  BOOST_TEST((entry.outcome == store::audit_outcome::failure));
  BOOST_TEST(entry.detail.starts_with("users.kmx: "));
}

BOOST_FIXTURE_TEST_CASE(an_import_is_audited_and_a_second_one_refused_and_audited, import_fixture) {
  const auto done = workflows::import_users(destination, destination_keys, request_for_file(), quiet);
  BOOST_TEST(done.imported == 1);
  auto entry = last_audit();
  BOOST_TEST(entry.event == "users-imported");
  BOOST_TEST((entry.outcome == store::audit_outcome::success));

  BOOST_CHECK_EXCEPTION(workflows::import_users(destination, destination_keys, request_for_file(), quiet), error,
                        [](const error& e) { return e.code() == errc::conflict; });
  entry = last_audit();
  BOOST_TEST(entry.event == "users-imported");
  BOOST_TEST((entry.outcome == store::audit_outcome::failure));
  BOOST_TEST(entry.detail.find("users.kmx: Transfer ") == 0);
}

BOOST_FIXTURE_TEST_CASE(a_cancel_rolls_the_import_back_and_is_audited, import_fixture) {
  cancelling_progress stop;
  BOOST_CHECK_EXCEPTION(workflows::import_users(destination, destination_keys, request_for_file(), stop), error,
                        [](const error& e) { return e.code() == errc::cancelled; });
  BOOST_TEST(!store::user_repository(destination.db()).find_by_alias("alice").has_value());
  const auto entry = last_audit();
  BOOST_TEST(entry.event == "users-imported");
  BOOST_TEST((entry.outcome == store::audit_outcome::failure));
  BOOST_TEST(entry.detail == "users.kmx: Cancelled: nothing was changed.");
}
