#define BOOST_TEST_MODULE km_store_user_selection
#include <boost/test/unit_test.hpp>

#include "unix_time.hpp"

#include <string>

#include "common/km_error.hpp"
#include "key_entry_fixture.hpp"
#include "scratch_dir.hpp"
#include "store/key_history.hpp"
#include "store/schema.hpp"
#include "store/tokens.hpp"
#include "store/user_selection.hpp"
#include "store/users.hpp"

using namespace arbor::km;

namespace {

// Users u0..u(n-1); user i holds i % 3 keys (so every third user has no key history), the
// first of them revoked when the user holds two.
struct fixture {
  testing::scratch_dir dir;
  store::sqlite::connection db = store::schema::open_database(dir / "kms.db");

  void add_users(int n) {
    store::user_repository users(db);
    store::key_history_repository keys(db);
    for (int i = 0; i < n; ++i) {
      const std::string id = "u" + std::to_string(i);
      users.add({id, "alias" + std::to_string(i), "", "", "active", arbor::test::unix_time(0)});
      for (int k = 0; k < i % 3; ++k) keys.append(entry(id, k, i % 3 == 2 && k == 0));
    }
  }

  static store::key_entry entry(const std::string& user_id, int k, bool revoked) {
    return testing::test_key_entry(user_id, k, revoked ? store::key_status::revoked : store::key_status::valid);
  }

  std::int64_t number(const std::string& sql) {
    auto query = db.prepare(sql);
    query.step();
    return query.column_int64(0);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(adding_twice_keeps_one_and_contains_finds_it, fixture) {
  store::user_selection selection(db);
  selection.add("u1", "alias1");
  selection.add("u1", "alias1");
  BOOST_TEST(selection.size() == 1);
  BOOST_TEST(selection.contains("u1"));
  BOOST_TEST(!selection.contains("u2"));
}

BOOST_FIXTURE_TEST_CASE(a_connection_holds_one_selection_at_a_time, fixture) {
  {
    store::user_selection first(db);
    BOOST_CHECK_EXCEPTION(store::user_selection second(db), error,
                          [](const error& e) { return e.code() == errc::conflict; });
  }
  store::user_selection after_the_first_is_gone(db);
  BOOST_TEST(after_the_first_is_gone.size() == 0);
}

BOOST_FIXTURE_TEST_CASE(counts_report_users_still_present_and_their_keys, fixture) {
  add_users(6);  // keys: u1 1, u2 2, u4 1, u5 2
  store::user_selection selection(db);
  for (const char* id : {"u0", "u1", "u2", "gone"}) selection.add(id, id);
  const auto counts = selection.counts();
  BOOST_TEST(counts.users == 3);
  BOOST_TEST(counts.users_with_keys == 2);
  BOOST_TEST(counts.keys == 3);
}

BOOST_FIXTURE_TEST_CASE(only_valid_keys_are_queued_and_their_users_marked_pending, fixture) {
  add_users(6);
  store::user_selection selection(db);
  for (const char* id : {"u0", "u1", "u2"}) selection.add(id, id);
  // u1 has one valid key; u2 one revoked and one valid; u0 none.
  BOOST_TEST(selection.queue_valid_keys_for_revocation("superseded", arbor::test::unix_time(42)) == 2);
  BOOST_TEST(number("SELECT count(*) FROM pending_revocations WHERE reason = 'superseded' AND queued_at = 42") == 2);
  BOOST_TEST(selection.pending_count() == 2);
  BOOST_TEST(selection.pending_aliases(1) == std::vector<std::string>{"u1"});
}

BOOST_FIXTURE_TEST_CASE(pending_users_are_read_from_the_queue_as_it_is_now, fixture) {
  add_users(6);
  store::user_selection selection(db);
  for (const char* id : {"u1", "u2"}) selection.add(id, id);
  selection.queue_valid_keys_for_revocation("superseded", arbor::test::unix_time(42));
  db.exec("DELETE FROM pending_revocations WHERE user_id = 'u1'");
  BOOST_TEST(selection.pending_aliases(10) == std::vector<std::string>{"u2"});
}

// A few users among many: SQLite takes the user_id index.
BOOST_FIXTURE_TEST_CASE(removing_a_small_share_removes_exactly_those_users_keys_and_tokens, fixture) {
  add_users(30);
  store::token_repository(db).issue("u2", store::token_purpose::enroll, arbor::test::unix_time(0), std::chrono::seconds(3600));
  store::token_repository(db).issue("u5", store::token_purpose::enroll, arbor::test::unix_time(0), std::chrono::seconds(3600));
  store::user_selection selection(db);
  for (const char* id : {"u1", "u2", "u3"}) selection.add(id, id);
  BOOST_TEST(selection.remove_users() == 3);
  BOOST_TEST(number("SELECT count(*) FROM users") == 27);
  BOOST_TEST(number("SELECT count(*) FROM key_history WHERE user_id IN ('u1', 'u2', 'u3')") == 0);
  BOOST_TEST(number("SELECT count(*) FROM key_history") == 30 - 3);  // 30 keys in all, 3 of them removed
  BOOST_TEST(number("SELECT count(*) FROM enrollment_tokens") == 1);
}

// Most users: key_history is walked in its own order instead.
BOOST_FIXTURE_TEST_CASE(removing_a_large_share_removes_exactly_those_users_keys_and_tokens, fixture) {
  add_users(30);
  store::token_repository(db).issue("u29", store::token_purpose::enroll, arbor::test::unix_time(0), std::chrono::seconds(3600));
  store::user_selection selection(db);
  for (int i = 0; i < 28; ++i) selection.add("u" + std::to_string(i), "");
  BOOST_TEST(selection.remove_users() == 28);
  BOOST_TEST(number("SELECT count(*) FROM users") == 2);
  BOOST_TEST(number("SELECT count(*) FROM key_history") == 3);  // u28 holds 1, u29 holds 2
  BOOST_TEST(number("SELECT count(*) FROM key_history WHERE user_id NOT IN ('u28', 'u29')") == 0);
  BOOST_TEST(number("SELECT count(*) FROM enrollment_tokens") == 1);
}

BOOST_FIXTURE_TEST_CASE(aliases_without_keys_lists_selected_users_without_a_key_history_by_alias_up_to_a_limit, fixture) {
  add_users(7);  // no keys: u0, u3, u6
  store::user_selection selection(db);
  selection.add("u1", "alias1");
  selection.add("u3", "alias3");
  selection.add("u6", "alias6");
  BOOST_TEST(selection.aliases_without_keys(10) == (std::vector<std::string>{"alias3", "alias6"}), boost::test_tools::per_element());
  BOOST_TEST(selection.aliases_without_keys(1) == std::vector<std::string>{"alias3"}, boost::test_tools::per_element());
  selection.add_all();
  BOOST_TEST(selection.aliases_without_keys(10) == (std::vector<std::string>{"alias0", "alias3", "alias6"}),
             boost::test_tools::per_element());
}
