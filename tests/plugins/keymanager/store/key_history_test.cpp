#define BOOST_TEST_MODULE km_store_key_history
#include <boost/test/unit_test.hpp>

#include "unix_time.hpp"

#include "common/km_error.hpp"
#include "scratch_dir.hpp"
#include "store/key_history.hpp"
#include "store/random_id.hpp"
#include "store/schema.hpp"
#include "store/users.hpp"

using namespace arbor::km;

namespace {

struct fixture {
  testing::scratch_dir dir;
  store::sqlite::connection db = store::schema::open_database(dir / "kms.db");
  store::key_history_repository keys{db};
  std::string user_id = store::random_id();

  fixture() { store::user_repository(db).add({user_id, "alice", "", "", "active", arbor::test::unix_time(0)}); }

  store::key_entry entry(std::uint8_t tag) {
    store::key_entry e;
    e.key_id = store::random_id();
    e.user_id = user_id;
    e.cert_der = {0x30, tag};
    e.cert_sha256 = std::string(64, static_cast<char>('a' + tag));
    e.serial_decimal = std::to_string(tag);
    e.serial_hex = "0" + std::to_string(tag);
    e.issuer = "CN=Test CA";
    e.not_before = arbor::test::unix_time(100);
    e.not_after = arbor::test::unix_time(200);
    e.sealed_key = {9, 9, tag};
    e.added_at = arbor::test::unix_time(150);
    return e;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(append_numbers_entries_in_order_and_lists_them, fixture) {
  BOOST_TEST(keys.append(entry(1)) == 1);
  BOOST_TEST(keys.append(entry(2)) == 2);
  const auto history = keys.list_for_user(user_id);
  BOOST_REQUIRE(history.size() == 2u);
  BOOST_TEST(history[0].seq == 1);
  BOOST_TEST(history[1].sealed_key == (std::vector<std::uint8_t>{9, 9, 2}));
  BOOST_TEST(keys.count_for_user(user_id) == 2);
}

BOOST_FIXTURE_TEST_CASE(find_by_cert_sha256_returns_the_entry, fixture) {
  const auto e = entry(3);
  keys.append(e);
  const auto found = keys.find_by_cert_sha256(e.cert_sha256);
  BOOST_REQUIRE(found.has_value());
  BOOST_TEST(found->key_id == e.key_id);
  BOOST_TEST(found->cert_der == e.cert_der);
  BOOST_TEST(!keys.find_by_cert_sha256("00").has_value());
}

BOOST_FIXTURE_TEST_CASE(the_same_certificate_is_not_stored_twice, fixture) {
  auto e = entry(1);
  keys.append(e);
  e.key_id = store::random_id();
  BOOST_CHECK_EXCEPTION(keys.append(e), error,
                        [](const error& x) { return x.code() == errc::conflict; });
}

BOOST_FIXTURE_TEST_CASE(key_for_an_unknown_user_is_refused, fixture) {
  auto e = entry(1);
  e.user_id = "nobody";
  BOOST_CHECK_EXCEPTION(keys.append(e), error,
                        [](const error& x) { return x.code() == errc::not_found; });
}

BOOST_FIXTURE_TEST_CASE(only_the_status_and_the_sealed_form_of_an_entry_can_change, fixture) {
  const auto e = entry(1);
  keys.append(e);
  keys.set_status(e.key_id, store::key_status::revocation_pending);
  BOOST_TEST((keys.list_for_user(user_id)[0].status == store::key_status::revocation_pending));
  BOOST_CHECK_THROW(db.exec("UPDATE key_history SET not_after = 0"), error);
  BOOST_CHECK_THROW(db.exec("UPDATE key_history SET cert_der = x'00'"), error);
  const std::vector<std::uint8_t> resealed{7, 7, 7};
  keys.set_sealed_key(e.key_id, resealed);  // the upgrade re-seals every key
  BOOST_TEST(keys.list_for_user(user_id)[0].sealed_key == resealed);
  BOOST_CHECK_EXCEPTION(keys.set_sealed_key("nope", resealed), error, [](const error& x) { return x.code() == errc::not_found; });
}

BOOST_FIXTURE_TEST_CASE(setting_the_status_of_an_unknown_key_is_not_found, fixture) {
  BOOST_CHECK_EXCEPTION(keys.set_status("nope", store::key_status::revoked), error,
                        [](const error& x) { return x.code() == errc::not_found; });
}

BOOST_FIXTURE_TEST_CASE(certificate_status_is_set_on_the_matching_certificate_only, fixture) {
  keys.append(entry(1));
  keys.append(entry(2));
  keys.set_certificate_status(user_id, "2", "CN=Test CA", store::key_status::revoked);
  keys.set_certificate_status(user_id, "1", "CN=Other CA", store::key_status::revoked);
  const auto history = keys.list_for_user(user_id);
  BOOST_TEST((history[0].status == store::key_status::valid));
  BOOST_TEST((history[1].status == store::key_status::revoked));
}

BOOST_FIXTURE_TEST_CASE(certificate_status_of_a_user_no_longer_stored_changes_nothing, fixture) {
  keys.append(entry(1));
  BOOST_CHECK_NO_THROW(keys.set_certificate_status("exported", "1", "CN=Test CA", store::key_status::revoked));
  BOOST_TEST((keys.list_for_user(user_id)[0].status == store::key_status::valid));
}

BOOST_FIXTURE_TEST_CASE(appender_continues_each_users_history_and_skips_known_certificates, fixture) {
  keys.append(entry(1));
  const std::string bob = store::random_id();
  store::user_repository(db).add({bob, "bob", "", "", "active", arbor::test::unix_time(0)});
  store::sqlite::transaction tx(db);
  store::history_appender appender(db);

  BOOST_TEST(appender.append_unless_present(entry(2)));
  auto for_bob = entry(3);
  for_bob.user_id = bob;
  BOOST_TEST(appender.append_unless_present(for_bob));
  BOOST_TEST(appender.append_unless_present(entry(4)));  // back to alice: her seq is read again
  BOOST_TEST(!appender.append_unless_present(entry(2)));  // same certificate, another key id
  BOOST_TEST(appender.append_unless_present(entry(5)));
  tx.commit();

  std::vector<std::int64_t> seqs;
  std::string tags;
  for (const auto& e : keys.list_for_user(user_id)) {
    seqs.push_back(e.seq);
    tags += std::to_string(e.cert_der[1]);
  }
  BOOST_TEST(seqs == (std::vector<std::int64_t>{1, 2, 3, 4}), boost::test_tools::per_element());
  BOOST_TEST(tags == "1245");
  const auto bobs = keys.list_for_user(bob);
  BOOST_REQUIRE(bobs.size() == 1u);
  BOOST_TEST(bobs[0].seq == 1);
}

BOOST_FIXTURE_TEST_CASE(appender_adds_nothing_until_the_transaction_commits, fixture) {
  {
    store::sqlite::transaction tx(db);
    store::history_appender appender(db);
    BOOST_TEST(appender.append_unless_present(entry(1)));
  }
  BOOST_TEST(keys.count_for_user(user_id) == 0);
}

// An appender kept across its transaction's commit (a bulk fill appends batch after batch) must
// hold no read open: else no checkpoint can finish and the WAL only grows. After the commit a
// TRUNCATE checkpoint empties the WAL.
BOOST_FIXTURE_TEST_CASE(appender_leaves_no_read_open_after_the_commit, fixture) {
  store::sqlite::transaction tx(db);
  store::history_appender appender(db);
  BOOST_TEST(appender.append_unless_present(entry(1)));
  tx.commit();
  auto checkpoint = db.prepare("PRAGMA wal_checkpoint(TRUNCATE)");
  BOOST_REQUIRE(checkpoint.step());
  BOOST_TEST(checkpoint.column_int64(0) == 0);  // not busy
  BOOST_TEST(checkpoint.column_int64(1) == 0);  // nothing left in the WAL
}

BOOST_FIXTURE_TEST_CASE(appender_needs_a_transaction, fixture) {
  BOOST_CHECK_EXCEPTION(store::history_appender{db}, error,
                        [](const error& e) { return e.code() == errc::internal; });
}

BOOST_FIXTURE_TEST_CASE(appender_refuses_an_unknown_user_and_a_repeated_key_id, fixture) {
  store::sqlite::transaction tx(db);
  store::history_appender appender(db);
  auto stranger = entry(1);
  stranger.user_id = store::random_id();
  BOOST_CHECK_EXCEPTION(appender.append_unless_present(stranger), error,
                        [](const error& e) { return e.code() == errc::not_found; });
  auto first = entry(2);
  BOOST_TEST(appender.append_unless_present(first));
  auto same_id = entry(3);
  same_id.key_id = first.key_id;
  BOOST_CHECK_EXCEPTION(appender.append_unless_present(same_id), error,
                        [](const error& e) { return e.code() == errc::conflict; });
}
