#define BOOST_TEST_MODULE workflows_retry_revocations_test
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "escrow_fixture.hpp"
#include "store/key_history.hpp"
#include "store/pending_revocations.hpp"
#include "workflows/pending_retry.hpp"
#include "workflows/retry_revocations.hpp"
#include "workflows/revocation.hpp"

using namespace arbor::km;
using testing::has_code;
using workflows::key_selection;

namespace {

struct retry_fixture : testing::revoking_fixture {
  workflows::retry_revocations_result retry() { return workflows::retry_revocations(kms, ca, {"admin"}, progress); }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(retry_revocations, retry_fixture)

BOOST_AUTO_TEST_CASE(retry_confirms_what_the_ca_now_accepts_and_empties_the_queue) {
  const auto id = enrolled("alice");
  ca.reachable = false;
  revoke({subject("alice", id, key_selection::current)});
  ca.reachable = true;
  const auto retried = retry().certificates;
  BOOST_TEST_REQUIRE(retried.size() == 1u);
  BOOST_TEST(retried[0].confirmed());
  BOOST_TEST(ca.revoked.at(0).reason == ca::revocation_reason::key_compromise);
  BOOST_TEST(store::revocation_queue(kms.db()).count() == 0);
  BOOST_TEST(history(id)[0].status == store::key_status::revoked);
}

BOOST_AUTO_TEST_CASE(retry_counts_another_attempt_when_the_ca_still_refuses) {
  const auto id = enrolled("alice");
  ca.refused_serials.insert(history(id)[0].serial_decimal);
  revoke({subject("alice", id, key_selection::current)});
  clock.advance(std::chrono::seconds(60));
  const auto retried = retry().certificates;
  BOOST_TEST(!retried.at(0).confirmed());
  const auto queued = store::revocation_queue(kms.db()).list();
  BOOST_TEST_REQUIRE(queued.size() == 1u);
  BOOST_TEST(queued[0].attempts == 2);
  BOOST_TEST(queued[0].last_error == "certificate not found");
}

// Two tasks retry at once (two web sessions, or a retry and an export's revocations): the other
// one's CA confirms a certificate and takes it off the queue while this one still waits for its
// own, refused, answer. Noting the refusal finds nothing to note, and the retry still ends well.
BOOST_AUTO_TEST_CASE(a_revocation_another_retry_confirmed_meanwhile_is_not_an_error) {
  const auto id = enrolled("alice");
  ca.refused_serials.insert(history(id)[0].serial_decimal);
  revoke({subject("alice", id, key_selection::current)});
  const auto queued = store::revocation_queue(kms.db()).list();
  BOOST_TEST_REQUIRE(queued.size() == 1u);
  ca.while_revoking = [&] { BOOST_TEST_REQUIRE(store::revocation_queue(kms.db()).remove(queued[0].id)); };
  const auto retried = retry().certificates;
  BOOST_TEST_REQUIRE(retried.size() == 1u);
  BOOST_TEST(!retried[0].confirmed());
  BOOST_TEST(store::revocation_queue(kms.db()).count() == 0);
}

BOOST_AUTO_TEST_CASE(a_filtered_retry_walks_the_queue_in_batches_and_leaves_other_users_alone) {
  const auto alice = enrolled("alice", 3);
  const auto bob = enrolled("bob", 2);
  ca.reachable = false;
  revoke({subject("alice", alice, key_selection::all_valid), subject("bob", bob, key_selection::all_valid)});
  ca.reachable = true;
  std::vector<std::string> retried_users;
  workflows::retry_pending_revocations(
      kms.db(), ca, clock.now(), [&](const store::pending_revocation& item) { return item.user_id == alice; },
      [&](const workflows::retried_revocation& outcome) {
        BOOST_TEST(outcome.confirmed());
        retried_users.push_back(outcome.item.user_alias);
      },
      2);
  BOOST_TEST(retried_users == std::vector<std::string>(3, "alice"), boost::test_tools::per_element());
  const auto queued = store::revocation_queue(kms.db()).list();
  BOOST_TEST_REQUIRE(queued.size() == 2u);
  for (const auto& item : queued) {
    BOOST_TEST(item.user_alias == "bob");
    BOOST_TEST(item.attempts == 1);  // only the first, failed attempt
  }
  BOOST_TEST(ca.revoked.size() == 3u);
}

BOOST_AUTO_TEST_CASE(the_workflow_names_each_certificate_and_audits_the_counts) {
  const auto alice = enrolled("alice");
  const auto bob = enrolled("bob");
  ca.reachable = false;
  revoke({subject("alice", alice, key_selection::current), subject("bob", bob, key_selection::current)});
  ca.reachable = true;
  ca.refused_serials.insert(history(bob)[0].serial_decimal);
  const auto result = retry();
  BOOST_TEST(result.confirmed == 1u);
  BOOST_TEST(result.pending == 1u);
  BOOST_TEST_REQUIRE(result.certificates.size() == 2u);
  BOOST_TEST(result.certificates[0].user_alias == "alice");
  BOOST_TEST(result.certificates[0].serial_hex == history(alice)[0].serial_hex);
  BOOST_TEST(result.certificates[1].failure.has_value());
  const auto entry = audited("revocations-retried");
  BOOST_TEST_REQUIRE(entry.has_value());
  BOOST_TEST(entry->actor == "admin");
  BOOST_TEST(entry->detail == "1 confirmed, 1 pending");
}

BOOST_AUTO_TEST_CASE(an_empty_queue_is_retried_and_audited_as_nothing) {
  const auto result = retry();
  BOOST_TEST(result.certificates.empty());
  BOOST_TEST(audited("revocations-retried")->detail == "0 confirmed, 0 pending");
}

BOOST_AUTO_TEST_CASE(a_cancelled_retry_asks_the_ca_nothing) {
  const auto id = enrolled("alice");
  ca.reachable = false;
  revoke({subject("alice", id, key_selection::current)});
  ca.reachable = true;
  testing::cancelled_progress cancelled;
  BOOST_CHECK_EXCEPTION(workflows::retry_revocations(kms, ca, {"admin"}, cancelled), error, has_code(errc::cancelled));
  BOOST_TEST(store::revocation_queue(kms.db()).count() == 1);
}

BOOST_AUTO_TEST_SUITE_END()
