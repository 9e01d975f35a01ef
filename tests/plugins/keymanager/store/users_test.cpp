#define BOOST_TEST_MODULE km_store_users
#include <boost/test/unit_test.hpp>

#include "unix_time.hpp"

#include "common/km_error.hpp"
#include "scratch_dir.hpp"
#include "store/key_history.hpp"
#include "store/random_id.hpp"
#include "store/schema.hpp"
#include "store/tokens.hpp"
#include "store/users.hpp"

using namespace arbor::km;

namespace {

struct fixture {
  testing::scratch_dir dir;
  store::sqlite::connection db = store::schema::open_database(dir / "kms.db");
  store::user_repository users{db};

  store::user_record add(const std::string& alias, const std::string& name,
                         const std::string& email) {
    store::user_record u{store::random_id(), alias, name, email, "active", arbor::test::unix_time(1000)};
    users.add(u);
    return u;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(added_user_is_found_by_id_alias_and_email, fixture) {
  const auto alice = add("alice", "Alice Liddell", "alice@example.org");
  BOOST_TEST(users.find_by_id(alice.user_id)->alias == "alice");
  BOOST_TEST(users.find_by_alias("ALICE")->user_id == alice.user_id);
  BOOST_TEST(users.find_by_email("Alice@Example.org").size() == 1u);
  BOOST_TEST(!users.find_by_id("unknown").has_value());
}

BOOST_FIXTURE_TEST_CASE(alias_is_unique_regardless_of_case, fixture) {
  add("alice", "", "");
  BOOST_CHECK_EXCEPTION(add("Alice", "", ""), error, [](const error& e) {
    return e.code() == errc::conflict &&
           std::string(e.what()).find("'Alice'") != std::string::npos;
  });
}

BOOST_FIXTURE_TEST_CASE(user_without_id_is_refused, fixture) {
  BOOST_CHECK_EXCEPTION(users.add({"", "bob", "", "", "active", arbor::test::unix_time(0)}), error,
                        [](const error& e) { return e.code() == errc::bad_input; });
}

BOOST_FIXTURE_TEST_CASE(list_pages_in_alias_order_and_count_counts_all, fixture) {
  for (const char* alias : {"carol", "alice", "bob", "dave"}) add(alias, "", "");
  const auto second_page = users.list({2, 2});
  BOOST_REQUIRE(second_page.size() == 2u);
  BOOST_TEST(second_page[0].alias == "carol");
  BOOST_TEST(second_page[1].alias == "dave");
  BOOST_TEST(users.count() == 4);
}

BOOST_FIXTURE_TEST_CASE(search_matches_alias_name_or_email_literally, fixture) {
  add("alice", "Alice Liddell", "alice@example.org");
  add("bob", "Robert Smith", "bob@corp.example");
  add("percent", "100% Sure", "p@example.org");
  BOOST_TEST(users.search("SMITH", {}).size() == 1u);
  BOOST_TEST(users.search("example.org", {}).size() == 2u);
  BOOST_TEST(users.search("%", {}).size() == 1u);  // only the literal percent sign
  BOOST_TEST(users.search("_", {}).size() == 0u);
}

BOOST_FIXTURE_TEST_CASE(removing_a_user_removes_their_keys_and_tokens, fixture) {
  const auto alice = add("alice", "", "");
  store::key_entry key;
  key.key_id = store::random_id();
  key.user_id = alice.user_id;
  key.cert_der = {1, 2, 3};
  key.cert_sha256 = "aa";
  key.sealed_key = {4, 5};
  store::key_history_repository(db).append(key);
  store::token_repository(db).issue(alice.user_id, store::token_purpose::enroll, arbor::test::unix_time(0), std::chrono::seconds(60));

  BOOST_TEST(users.remove(alice.user_id));
  BOOST_TEST(store::key_history_repository(db).count_for_user(alice.user_id) == 0);
  auto tokens = db.prepare("SELECT count(*) FROM enrollment_tokens");
  tokens.step();
  BOOST_TEST(tokens.column_int64(0) == 0);
  BOOST_TEST(!users.remove(alice.user_id));
}
