#define BOOST_TEST_MODULE km_store_tokens
#include <boost/test/unit_test.hpp>

#include "unix_time.hpp"

#include "common/km_error.hpp"
#include "scratch_dir.hpp"
#include "store/random_id.hpp"
#include "store/schema.hpp"
#include "store/tokens.hpp"
#include "store/users.hpp"

using namespace arbor::km;
using store::token_purpose;

namespace {

struct fixture {
  testing::scratch_dir dir;
  store::sqlite::connection db = store::schema::open_database(dir / "kms.db");
  store::token_repository tokens{db};
  std::string user_id = store::random_id();

  fixture() { store::user_repository(db).add({user_id, "alice", "", "", "active", arbor::test::unix_time(0)}); }
};

bool has_code(const error& e, errc code, const char* words) {
  return e.code() == code && std::string(e.what()).find(words) != std::string::npos;
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(issued_token_redeems_once_for_its_user, fixture) {
  const auto issued = tokens.issue(user_id, token_purpose::enroll, arbor::test::unix_time(1000), std::chrono::seconds(3600));
  BOOST_TEST(issued.expires_at == arbor::test::unix_time(4600));
  const auto redeemed = tokens.redeem(issued.token, token_purpose::enroll, arbor::test::unix_time(2000));
  BOOST_TEST(redeemed.user_id == user_id);
  BOOST_TEST(redeemed.token_id == issued.token_id);
}

BOOST_FIXTURE_TEST_CASE(reused_token_is_refused, fixture) {
  const auto issued = tokens.issue(user_id, token_purpose::recover, arbor::test::unix_time(1000), std::chrono::seconds(3600));
  tokens.redeem(issued.token, token_purpose::recover, arbor::test::unix_time(1001));
  BOOST_CHECK_EXCEPTION(tokens.redeem(issued.token, token_purpose::recover, arbor::test::unix_time(1002)), error,
                        [](const error& e) { return has_code(e, errc::conflict, "already used"); });
}

BOOST_FIXTURE_TEST_CASE(expired_token_is_refused, fixture) {
  const auto issued = tokens.issue(user_id, token_purpose::enroll, arbor::test::unix_time(1000), std::chrono::seconds(60));
  BOOST_CHECK_EXCEPTION(tokens.redeem(issued.token, token_purpose::enroll, arbor::test::unix_time(1060)), error,
                        [](const error& e) { return has_code(e, errc::bad_input, "expired"); });
  // Still usable the second before it expires.
  BOOST_TEST(tokens.redeem(issued.token, token_purpose::enroll, arbor::test::unix_time(1059)).user_id == user_id);
}

BOOST_FIXTURE_TEST_CASE(unknown_token_is_refused, fixture) {
  BOOST_CHECK_EXCEPTION(tokens.redeem(secret("not-a-token"), token_purpose::enroll, arbor::test::unix_time(0)), error,
                        [](const error& e) { return has_code(e, errc::not_found, "not known"); });
}

BOOST_FIXTURE_TEST_CASE(token_for_the_other_purpose_is_refused_and_stays_unused, fixture) {
  const auto issued = tokens.issue(user_id, token_purpose::recover, arbor::test::unix_time(1000), std::chrono::seconds(60));
  BOOST_CHECK_EXCEPTION(tokens.redeem(issued.token, token_purpose::enroll, arbor::test::unix_time(1001)), error,
                        [](const error& e) { return has_code(e, errc::bad_input, "key recovery"); });
  BOOST_TEST(tokens.redeem(issued.token, token_purpose::recover, arbor::test::unix_time(1002)).user_id == user_id);
}

BOOST_FIXTURE_TEST_CASE(only_the_hash_of_a_token_is_stored, fixture) {
  const auto issued = tokens.issue(user_id, token_purpose::enroll, arbor::test::unix_time(1000), std::chrono::seconds(60));
  auto q = db.prepare("SELECT token_hash FROM enrollment_tokens");
  BOOST_REQUIRE(q.step());
  const std::string stored = q.column_text(0);
  BOOST_TEST(stored.size() == 64u);
  BOOST_TEST(stored.find(issued.token.view()) == std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(token_for_an_unknown_user_is_refused, fixture) {
  BOOST_CHECK_EXCEPTION(tokens.issue("nobody", token_purpose::enroll, arbor::test::unix_time(0), std::chrono::seconds(60)), error,
                        [](const error& e) { return e.code() == errc::not_found; });
}
