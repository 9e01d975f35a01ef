#define BOOST_TEST_MODULE escrow_revocation_test
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "workflows/enrollment.hpp"
#include "workflows/pending_retry.hpp"
#include "workflows/revocation.hpp"
#include "workflow_fixture.hpp"
#include "store/key_history.hpp"
#include "store/pending_revocations.hpp"
#include "store/users.hpp"

using namespace arbor::km;

namespace {

struct revocation_fixture : testing::escrow_fixture {
  // Enrolls `alias` `keys` times and returns the user id.
  std::string enrolled(const std::string& alias, int keys = 1) {
    std::vector<workflows::new_user> users{{alias, "", alias + "@example.org", {}}};
    auto invited = std::move(workflows::enroll_users(kms, users).front());
    for (int i = 0; i < keys; ++i) {
      if (i > 0) invited = workflows::reenroll_user(kms, alias);
      workflows::complete_enrollment(kms, ca, alias, invited.token, secret("user-chosen-pw"));
    }
    return invited.user_id;
  }
  std::vector<store::key_entry> history(const std::string& user_id) {
    return store::key_history_repository(kms.db()).list_for_user(user_id);
  }
  workflows::revocation_subject subject(const std::string& alias, const std::string& user_id, workflows::key_selection which) {
    return {alias, user_id, workflows::keys_to_revoke(history(user_id), which)};
  }
  std::vector<workflows::user_revocation> revoke(std::vector<workflows::revocation_subject> subjects) {
    return workflows::revoke_certificates(kms.db(), ca, subjects, ca::revocation_reason::key_compromise, clock.now());
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(revocation, revocation_fixture)

BOOST_AUTO_TEST_CASE(current_selects_only_the_newest_key) {
  const auto id = enrolled("alice", 2);
  const auto keys = workflows::keys_to_revoke(history(id), workflows::key_selection::current);
  BOOST_TEST_REQUIRE(keys.size() == 1u);
  BOOST_TEST(keys[0].seq == 2);
  BOOST_TEST(workflows::keys_to_revoke(history(id), workflows::key_selection::all_valid).size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_confirmed_revocation_marks_the_key_revoked) {
  const auto id = enrolled("alice");
  const auto outcome = revoke({subject("alice", id, workflows::key_selection::current)});
  BOOST_TEST_REQUIRE(outcome.size() == 1u);
  BOOST_TEST(outcome[0].all_confirmed());
  BOOST_TEST(ca.revoked.size() == 1u);
  BOOST_TEST(ca.revoked[0].serial_decimal == history(id)[0].serial_decimal);
  BOOST_TEST(ca.revoked[0].reason == ca::revocation_reason::key_compromise);
  BOOST_TEST(history(id)[0].status == store::key_status::revoked);
  BOOST_TEST(workflows::keys_to_revoke(history(id), workflows::key_selection::all_valid).empty());
}

BOOST_AUTO_TEST_CASE(an_unconfirmed_revocation_is_queued_with_the_error_and_one_attempt) {
  const auto id = enrolled("alice");
  ca.reachable = false;
  const auto outcome = revoke({subject("alice", id, workflows::key_selection::current)});
  BOOST_TEST_REQUIRE(outcome[0].keys.size() == 1u);
  BOOST_TEST(!outcome[0].keys[0].confirmed());
  BOOST_TEST(outcome[0].keys[0].failure->code() == errc::ca_unreachable);
  const auto queued = store::revocation_queue(kms.db()).list();
  BOOST_TEST_REQUIRE(queued.size() == 1u);
  BOOST_TEST(queued[0].user_alias == "alice");
  BOOST_TEST(queued[0].attempts == 1);
  BOOST_TEST(queued[0].reason == "keyCompromise");
  BOOST_TEST(queued[0].last_error.find("could not be reached") != std::string::npos);
  BOOST_TEST(history(id)[0].status == store::key_status::revocation_pending);
}

BOOST_AUTO_TEST_CASE(retry_confirms_what_the_ca_now_accepts_and_empties_the_queue) {
  const auto id = enrolled("alice");
  ca.reachable = false;
  revoke({subject("alice", id, workflows::key_selection::current)});
  ca.reachable = true;
  const auto retried = workflows::retry_pending_revocations(kms.db(), ca, clock.now());
  BOOST_TEST_REQUIRE(retried.size() == 1u);
  BOOST_TEST(retried[0].confirmed());
  BOOST_TEST(ca.revoked.at(0).reason == ca::revocation_reason::key_compromise);
  BOOST_TEST(store::revocation_queue(kms.db()).count() == 0);
  BOOST_TEST(history(id)[0].status == store::key_status::revoked);
}

BOOST_AUTO_TEST_CASE(retry_counts_another_attempt_when_the_ca_still_refuses) {
  const auto id = enrolled("alice");
  ca.refused_serials.insert(history(id)[0].serial_decimal);
  revoke({subject("alice", id, workflows::key_selection::current)});
  const auto retried = workflows::retry_pending_revocations(kms.db(), ca, clock.now() + 60);
  BOOST_TEST(!retried.at(0).confirmed());
  const auto queued = store::revocation_queue(kms.db()).list();
  BOOST_TEST_REQUIRE(queued.size() == 1u);
  BOOST_TEST(queued[0].attempts == 2);
  BOOST_TEST(queued[0].last_error == "certificate not found");
}

BOOST_AUTO_TEST_CASE(a_filtered_retry_walks_the_queue_in_batches_and_leaves_other_users_alone) {
  const auto alice = enrolled("alice", 3);
  const auto bob = enrolled("bob", 2);
  ca.reachable = false;
  revoke({subject("alice", alice, workflows::key_selection::all_valid), subject("bob", bob, workflows::key_selection::all_valid)});
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

BOOST_AUTO_TEST_CASE(a_user_deleted_after_selection_is_still_queued) {
  const auto id = enrolled("alice", 2);
  const auto leaving = subject("alice", id, workflows::key_selection::all_valid);
  store::user_repository(kms.db()).remove(id);
  ca.reachable = false;
  const auto outcome = revoke({leaving});
  BOOST_TEST(outcome.at(0).keys.size() == 2u);
  BOOST_TEST(store::revocation_queue(kms.db()).count() == 2);
  ca.reachable = true;
  workflows::retry_pending_revocations(kms.db(), ca, clock.now());
  BOOST_TEST(store::revocation_queue(kms.db()).count() == 0);
}

BOOST_AUTO_TEST_CASE(results_follow_the_order_of_the_users) {
  const auto alice = enrolled("alice");
  const auto bob = enrolled("bob");
  ca.refused_serials.insert(history(bob)[0].serial_decimal);
  const auto outcome = revoke({subject("alice", alice, workflows::key_selection::current),
                               subject("bob", bob, workflows::key_selection::current)});
  BOOST_TEST(outcome.at(0).user_alias == "alice");
  BOOST_TEST(outcome.at(0).all_confirmed());
  BOOST_TEST(outcome.at(1).user_alias == "bob");
  BOOST_TEST(!outcome.at(1).all_confirmed());
}

BOOST_AUTO_TEST_SUITE_END()
