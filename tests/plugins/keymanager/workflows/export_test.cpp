#define BOOST_TEST_MODULE export_test
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "instance/key_sealing.hpp"
#include "export_fixture.hpp"
#include "store/audit_log.hpp"
#include "store/pending_revocations.hpp"
#include "store/transfers.hpp"
#include "store/users.hpp"
#include "store/transfer_lock.hpp"

using namespace arbor::km;
namespace fs = std::filesystem;

namespace {

bool has_user(key_manager& kms, const std::string& id) {
  return store::user_repository(kms.db()).find_by_id(id).has_value();
}

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  return names;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(export_users, testing::export_fixture)

BOOST_AUTO_TEST_CASE(counts_exported_keyless_and_unrevoked_users_of_a_known_mix) {
  const auto alice = user("alice", 2);
  const auto bob = user("bob", 1);
  const auto carol = user("carol", 0);
  ca.refused_serials.insert(history(bob)[0].serial_decimal);

  const auto done = run(request());

  BOOST_TEST(done.users_exported == 2);
  BOOST_TEST(done.keys_exported == 3);
  BOOST_TEST(done.users_without_keys == 1);
  BOOST_TEST(done.aliases_without_keys == std::vector<std::string>{"carol"});
  BOOST_TEST(done.revocation.confirmed == 2);
  BOOST_TEST(done.revocation.users_pending == 1);
  BOOST_TEST(done.revocation.aliases_pending == std::vector<std::string>{"bob"});
  BOOST_TEST(!has_user(source, alice));
  BOOST_TEST(!has_user(source, bob));
  BOOST_TEST(!has_user(source, carol));
}

BOOST_AUTO_TEST_CASE(the_file_holds_every_key_of_the_history_as_sealed_here) {
  const auto alice = user("alice", 2);
  const auto sealed = history(alice);
  const auto done = run(request());

  const auto users = read_back(done.file);
  BOOST_TEST_REQUIRE(users.size() == 1u);
  BOOST_TEST(users[0].user_id == alice);
  BOOST_TEST(users[0].alias == "alice");
  BOOST_TEST(users[0].email == "alice@example.org");
  BOOST_TEST_REQUIRE(users[0].keys.size() == 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    BOOST_TEST(users[0].keys[i].key_id == sealed[i].key_id);
    BOOST_TEST(users[0].keys[i].certificate_der == sealed[i].cert_der);
    BOOST_TEST((users[0].keys[i].private_key_der ==
                arbor::km::unseal_user_key_der(source_keys, sealed[i])));
  }
}

// Users are opened and encoded in batches on worker threads (200 a batch): more than two batches,
// added in reverse, still come out once each, in alias order, each with their own key.
BOOST_AUTO_TEST_CASE(users_of_many_batches_are_written_once_each_in_alias_order) {
  constexpr int count = 450;
  std::vector<std::string> ids(count);
  for (int n = count - 1; n >= 0; --n) {
    char alias[8];
    std::snprintf(alias, sizeof alias, "u%03d", n);
    ids[static_cast<std::size_t>(n)] = stored_user(alias, n % 50 != 0);
  }
  const auto done = run(request());

  const auto users = read_back(done.file);
  BOOST_TEST(done.users_without_keys == 9);
  BOOST_TEST_REQUIRE(users.size() == static_cast<std::size_t>(count - 9));
  std::size_t at = 0;
  for (int n = 0; n < count; ++n) {
    if (n % 50 == 0) continue;
    const auto& written = users[at++];
    BOOST_TEST(written.user_id == ids[static_cast<std::size_t>(n)]);
    BOOST_TEST_REQUIRE(written.keys.size() == 1u);
  }
}

BOOST_AUTO_TEST_CASE(revocations_the_ca_confirms_leave_the_queue_with_reason_affiliation_changed) {
  user("alice", 2);
  run(request());
  BOOST_TEST(store::revocation_queue(source.db()).count() == 0);
  BOOST_TEST_REQUIRE(ca.revoked.size() == 2u);
  BOOST_TEST((ca.revoked[0].reason == ca::revocation_reason::affiliation_changed));
}

BOOST_AUTO_TEST_CASE(an_unreachable_ca_leaves_every_user_exported_and_every_certificate_queued) {
  user("alice", 2);
  user("bob", 1);
  ca.reachable = false;
  const auto done = run(request());
  BOOST_TEST(done.users_exported == 2);
  BOOST_TEST(done.revocation.users_pending == 2);
  BOOST_TEST(done.revocation.pending == 3);
  BOOST_TEST(!done.revocation.reason.empty());
  const auto queued = store::revocation_queue(source.db()).list();
  BOOST_TEST_REQUIRE(queued.size() == 3u);
  for (const auto& item : queued) {
    BOOST_TEST(item.reason == "affiliationChanged");
    BOOST_TEST(item.attempts == 1);
  }
  BOOST_TEST(std::count_if(queued.begin(), queued.end(), [](const auto& i) { return i.user_alias == "alice"; }) == 2);
}

BOOST_AUTO_TEST_CASE(without_certificate_services_every_certificate_stays_queued) {
  user("alice", 1);
  const auto done = workflows::export_users(source, source_keys, request(), {nullptr, "Certificate Services is not configured"},
                                           observer);
  BOOST_TEST(done.users_exported == 1);
  BOOST_TEST(done.revocation.users_pending == 1);
  BOOST_TEST(done.revocation.reason == "Certificate Services is not configured");
  BOOST_TEST(store::revocation_queue(source.db()).count() == 1);
}

BOOST_AUTO_TEST_CASE(the_transfer_is_recorded_and_audited_and_a_backup_taken) {
  user("alice", 1);
  const auto done = run(request());
  const auto recorded = store::transfer_log(source.db()).find(done.transfer_id);
  BOOST_TEST_REQUIRE(recorded.has_value());
  BOOST_TEST(recorded->file_name == "users.kmx");
  BOOST_TEST(recorded->users == 1);
  BOOST_TEST(fs::exists(done.backup));
  bool audited = false;
  store::audit_log(source.db()).for_each([&](const store::audit_entry& e) {
    audited = audited || (e.event == "users-exported" && e.actor == "admin" &&
                          e.detail.find(done.transfer_id) != std::string::npos);
  });
  BOOST_TEST(audited);
}

BOOST_AUTO_TEST_CASE(picked_users_and_a_pattern_select_only_those) {
  const auto alice = user("alice", 1);
  const auto bob = user("bob", 1);
  const auto carl = user("carl", 1);
  auto done = run(request({workflows::user_scope::picked, {"bob"}, {}}, "picked.kmx"));
  BOOST_TEST(done.users_exported == 1);
  BOOST_TEST(!has_user(source, bob));
  done = run(request({workflows::user_scope::pattern, {}, "C*"}, "pattern.kmx"));
  BOOST_TEST(done.users_exported == 1);
  BOOST_TEST(!has_user(source, carl));
  BOOST_TEST(has_user(source, alice));
}

BOOST_AUTO_TEST_CASE(a_pattern_matches_name_and_email_too) {
  user("alice", 1);
  const auto done = run(request({workflows::user_scope::pattern, {}, "*@EXAMPLE.org"}));
  BOOST_TEST(done.users_exported == 1);
}

BOOST_AUTO_TEST_CASE(a_choice_that_covers_nobody_is_refused_and_changes_nothing) {
  user("alice", 1);
  try {
    run(request({workflows::user_scope::pattern, {}, "nobody*"}));
    BOOST_FAIL("expected a refusal");
  } catch (const error& e) {
    BOOST_TEST(e.code() == errc::bad_input);
  }
  BOOST_TEST(!fs::exists(source.directory().root() / "users.kmx"));
}

BOOST_AUTO_TEST_CASE(a_second_export_while_one_runs_is_refused_saying_since_when) {
  user("alice", 1);
  const auto held = store::transfer_lock::acquire(source.directory().root(), "import", clock.now());
  try {
    run(request());
    BOOST_FAIL("expected a refusal");
  } catch (const error& e) {
    BOOST_TEST(e.code() == errc::conflict);
    BOOST_TEST(std::string(e.what()).find("another export or import is running on this Key Manager (started "
                                          "2023-11-14 22:13:20 UTC)") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(cancelling_while_writing_leaves_no_file_and_every_user) {
  const auto alice = user("alice", 1);
  const auto bob = user("bob", 1);
  observer.cancel_at_step = 1;
  try {
    run(request());
    BOOST_FAIL("expected a cancellation");
  } catch (const error& e) {
    BOOST_TEST(e.code() == errc::cancelled);
  }
  BOOST_TEST(has_user(source, alice));
  BOOST_TEST(has_user(source, bob));
  const auto names = names_in(source.directory().root());
  BOOST_TEST(std::none_of(names.begin(), names.end(), [](const std::string& n) { return n.find("users.kmx") == 0; }));
}

BOOST_AUTO_TEST_CASE(cancelling_after_the_last_user_but_before_the_file_is_placed_still_changes_nothing) {
  const auto alice = user("alice", 1);
  observer.cancel_at_step = 1;  // one user: cancelled only at the final check
  BOOST_CHECK_THROW(run(request()), error);
  BOOST_TEST(has_user(source, alice));
  BOOST_TEST(!fs::exists(source.directory().root() / "users.kmx"));
}

BOOST_AUTO_TEST_CASE(an_existing_file_name_is_refused) {
  user("alice", 1);
  run(request({workflows::user_scope::pattern, {}, "a*"}));
  const auto bob = user("bob", 1);
  try {
    run(request());
    BOOST_FAIL("expected a refusal");
  } catch (const error& e) {
    BOOST_TEST(e.code() == errc::conflict);
  }
  BOOST_TEST(has_user(source, bob));
}

BOOST_AUTO_TEST_CASE(a_key_added_while_the_file_is_written_keeps_every_user_and_deletes_the_file) {
  const auto alice = user("alice", 1);
  user("bob", 1);
  observer.on_first_step = [&] {  // alice is in the file by then
    auto again = workflows::reenroll_user(source, "alice");
    workflows::issue_user_key(source, ca, {"alice", again.token}, workflows::pkcs12_password(secret("user-chosen-pw")));
  };
  try {
    run(request());
    BOOST_FAIL("expected a refusal");
  } catch (const error& e) {
    BOOST_TEST(e.code() == errc::conflict);
  }
  BOOST_TEST(has_user(source, alice));
  BOOST_TEST(!fs::exists(source.directory().root() / "users.kmx"));
  BOOST_TEST(store::revocation_queue(source.db()).count() == 0);
}

std::int64_t rows_in(key_manager& kms, const std::string& table) {
  auto count = kms.db().prepare("SELECT count(*) FROM " + table);
  count.step();
  return count.column_int64(0);
}

// Every user selected: the tables are emptied whole, with foreign keys off for the transaction;
// what the cascades would have removed (tokens, recovery keys) goes too, and enforcement is back on.
BOOST_AUTO_TEST_CASE(an_export_of_every_user_leaves_no_row_of_theirs_and_foreign_keys_on) {
  user("alice", 2);
  user("bob", 1);
  user("carol", 0);  // invited only: an enrollment token and no key
  BOOST_TEST_REQUIRE(rows_in(source, "enrollment_tokens") > 0);

  const auto done = run(request());

  BOOST_TEST(done.users_exported == 2);
  BOOST_TEST(done.users_without_keys == 1);
  for (const char* table : {"users", "key_history", "enrollment_tokens", "recovery_keys"}) {
    BOOST_TEST(rows_in(source, table) == 0, table);
  }
  BOOST_TEST(done.revocation.confirmed == 3);
  BOOST_TEST(store::sqlite::foreign_keys_on(source.db()));
  BOOST_TEST(read_back(done.file).size() == 2u);
}

// Someone adds a user while the file of every user is written: that user is not selected, so the
// users are removed row by row and the newcomer stays.
BOOST_AUTO_TEST_CASE(a_user_added_while_every_user_is_written_stays) {
  user("alice", 1);
  observer.on_first_step = [&] {
    std::vector<workflows::new_user> late{{"dave", "Dave", "dave@example.org", {}}};
    workflows::add_users(source, late);
  };
  const auto done = run(request());
  BOOST_TEST(done.users_exported == 1);
  BOOST_TEST(rows_in(source, "users") == 1);
  BOOST_TEST(rows_in(source, "enrollment_tokens") == 1);  // dave's
  BOOST_TEST(store::sqlite::foreign_keys_on(source.db()));
}

// The same, just after the export saw that every user was selected and before its transaction:
// emptying the tables would take the newcomer too, so nothing is removed and the file goes.
BOOST_AUTO_TEST_CASE(a_user_added_just_before_the_removal_of_every_user_keeps_everyone_and_deletes_the_file) {
  const auto alice = user("alice", 1);
  observer.on_phase = [&](std::string_view phase) {
    if (phase != "Removing the exported users from this server") return;
    std::vector<workflows::new_user> late{{"dave", "Dave", "dave@example.org", {}}};
    workflows::add_users(source, late);
  };
  try {
    run(request());
    BOOST_FAIL("expected a refusal");
  } catch (const error& e) {
    BOOST_TEST(e.code() == errc::conflict);
    BOOST_TEST(std::string(e.what()).find("Users were added") != std::string::npos);
  }
  BOOST_TEST(has_user(source, alice));
  BOOST_TEST(rows_in(source, "users") == 2);
  BOOST_TEST(rows_in(source, "key_history") == 1);
  BOOST_TEST(!fs::exists(source.directory().root() / "users.kmx"));
  BOOST_TEST(store::sqlite::foreign_keys_on(source.db()));
}

BOOST_AUTO_TEST_CASE(progress_reports_the_three_phases) {
  user("alice", 1);
  run(request());
  BOOST_TEST(observer.phases.size() == 3u);
}

BOOST_AUTO_TEST_SUITE_END()
