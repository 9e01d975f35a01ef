#define BOOST_TEST_MODULE workflows_revoke_certificates_test
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "escrow_fixture.hpp"
#include "store/key_history.hpp"
#include "store/pending_revocations.hpp"
#include "store/users.hpp"
#include "workflows/retry_revocations.hpp"
#include "workflows/revocation.hpp"
#include "workflows/revoke_certificates.hpp"

using namespace arbor::km;
using testing::has_code;
using workflows::key_selection;

namespace {

struct revocation_fixture : testing::revoking_fixture {
  workflows::revoke_certificates_request request(const std::vector<std::string>& aliases, const std::string& pattern,
                                                 key_selection which = key_selection::current,
                                                 const std::string& reason = "keyCompromise") {
    return {kms, aliases, pattern, which, reason, "admin"};
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(revoke_certificates, revocation_fixture)

BOOST_AUTO_TEST_CASE(current_selects_only_the_newest_key) {
  const auto id = enrolled("alice", 2);
  const auto keys = workflows::keys_to_revoke(history(id), key_selection::current);
  BOOST_TEST_REQUIRE(keys.size() == 1u);
  BOOST_TEST(keys[0].seq == 2);
  BOOST_TEST(workflows::keys_to_revoke(history(id), key_selection::all_valid).size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_confirmed_revocation_marks_the_key_revoked) {
  const auto id = enrolled("alice");
  const auto outcome = revoke({subject("alice", id, key_selection::current)});
  BOOST_TEST_REQUIRE(outcome.size() == 1u);
  BOOST_TEST(outcome[0].all_confirmed());
  BOOST_TEST(ca.revoked.size() == 1u);
  BOOST_TEST(ca.revoked[0].serial_decimal == history(id)[0].serial_decimal);
  BOOST_TEST(ca.revoked[0].reason == ca::revocation_reason::key_compromise);
  BOOST_TEST(history(id)[0].status == store::key_status::revoked);
  BOOST_TEST(workflows::keys_to_revoke(history(id), key_selection::all_valid).empty());
}

BOOST_AUTO_TEST_CASE(an_unconfirmed_revocation_is_queued_with_the_error_and_one_attempt) {
  const auto id = enrolled("alice");
  ca.reachable = false;
  const auto outcome = revoke({subject("alice", id, key_selection::current)});
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

BOOST_AUTO_TEST_CASE(a_user_deleted_after_selection_is_still_queued) {
  const auto id = enrolled("alice", 2);
  const auto leaving = subject("alice", id, key_selection::all_valid);
  store::user_repository(kms.db()).remove(id);
  ca.reachable = false;
  const auto outcome = revoke({leaving});
  BOOST_TEST(outcome.at(0).keys.size() == 2u);
  BOOST_TEST(store::revocation_queue(kms.db()).count() == 2);
  ca.reachable = true;
  workflows::retry_revocations(kms, ca, {"admin"}, progress);
  BOOST_TEST(store::revocation_queue(kms.db()).count() == 0);
}

BOOST_AUTO_TEST_CASE(results_follow_the_order_of_the_users) {
  const auto alice = enrolled("alice");
  const auto bob = enrolled("bob");
  ca.refused_serials.insert(history(bob)[0].serial_decimal);
  const auto outcome = revoke({subject("alice", alice, key_selection::current),
                               subject("bob", bob, key_selection::current)});
  BOOST_TEST(outcome.at(0).user_alias == "alice");
  BOOST_TEST(outcome.at(0).all_confirmed());
  BOOST_TEST(outcome.at(1).user_alias == "bob");
  BOOST_TEST(!outcome.at(1).all_confirmed());
}

BOOST_AUTO_TEST_CASE(a_request_resolves_named_users_and_a_case_insensitive_pattern) {
  enrolled("alice");
  enrolled("contractor-1");
  enrolled("Contractor-2");
  enrolled("bob");
  const auto chosen = request({"alice"}, "contractor-*");
  std::vector<std::string> aliases;
  for (const auto& s : chosen.subjects()) aliases.push_back(s.user_alias);
  BOOST_TEST(aliases.size() == 3u);
  BOOST_TEST(std::count(aliases.begin(), aliases.end(), "bob") == 0);
  BOOST_TEST(chosen.reason() == ca::revocation_reason::key_compromise);
}

BOOST_AUTO_TEST_CASE(a_request_whose_users_have_no_valid_certificate_is_refused) {
  invite("bob");  // never enrolled: no certificate
  BOOST_CHECK_EXCEPTION(request({"bob"}, ""), error, [](const error& e) {
    return e.code() == errc::bad_input &&
           std::string(e.what()) == "None of the chosen users has a valid certificate to revoke.";
  });
  BOOST_CHECK_EXCEPTION(request({}, "nobody-*"), error, has_code(errc::bad_input));
}

BOOST_AUTO_TEST_CASE(an_empty_or_unknown_reason_is_unspecified) {
  enrolled("alice");
  BOOST_TEST(request({"alice"}, "", key_selection::current, "").reason() == ca::revocation_reason::unspecified);
  BOOST_TEST(request({"alice"}, "", key_selection::current, "no-such").reason() == ca::revocation_reason::unspecified);
  BOOST_TEST(workflows::revocation_reason_names().size() == ca::all_revocation_reasons.size());
  BOOST_TEST(workflows::revocation_reason_names().front() == "unspecified");
}

BOOST_AUTO_TEST_CASE(the_workflow_counts_and_audits_what_was_revoked_and_queued) {
  const auto alice = enrolled("alice");
  const auto bob = enrolled("bob");
  ca.refused_serials.insert(history(bob)[0].serial_decimal);
  const auto result = workflows::revoke_certificates(kms, ca, request({"alice", "bob"}, ""), progress);
  BOOST_TEST(result.revoked == 1u);
  BOOST_TEST(result.queued == 1u);
  BOOST_TEST(result.users.size() == 2u);
  BOOST_TEST(history(alice)[0].status == store::key_status::revoked);
  const auto entry = audited("certificates-revoked");
  BOOST_TEST_REQUIRE(entry.has_value());
  BOOST_TEST(entry->actor == "admin");
  BOOST_TEST(entry->detail == "1 revoked, 1 queued, reason keyCompromise");
}

BOOST_AUTO_TEST_CASE(a_cancelled_revocation_asks_the_ca_nothing) {
  enrolled("alice");
  testing::cancelled_progress cancelled;
  BOOST_CHECK_EXCEPTION(workflows::revoke_certificates(kms, ca, request({"alice"}, ""), cancelled), error,
                        has_code(errc::cancelled));
  BOOST_TEST(ca.revoked.empty());
  BOOST_TEST(!audited("certificates-revoked").has_value());
}

BOOST_AUTO_TEST_CASE(every_user_can_be_chosen) {
  enrolled("alice");
  invite("bob");
  BOOST_TEST(workflows::user_aliases(kms) == (std::vector<std::string>{"alice", "bob"}), boost::test_tools::per_element());
}

// The page shows this while the pattern is typed (issue 16): the same users a request takes.
BOOST_AUTO_TEST_CASE(a_pattern_preview_counts_the_aliases_a_request_would_take_and_lists_the_first) {
  for (const char* alias : {"contractor-1", "Contractor-2", "contractor-3", "bob"}) invite(alias);
  const auto found = workflows::aliases_matching(kms, "contractor-*", 2);
  BOOST_TEST(found.count == 3);
  BOOST_TEST(found.first.size() == 2u);
  BOOST_TEST(workflows::aliases_matching(kms, "nobody*", 2).count == 0);
  BOOST_TEST(workflows::aliases_matching(kms, "", 2).count == 0);  // an empty pattern chooses nobody
}

BOOST_AUTO_TEST_SUITE_END()
