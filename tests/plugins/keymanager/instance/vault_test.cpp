#define BOOST_TEST_MODULE vault_test
#include <boost/test/unit_test.hpp>

#include <openssl/rand.h>

#include "common/hex.hpp"
#include "common/km_error.hpp"
#include "crypto/hkdf.hpp"
#include "store/keyslots.hpp"
#include "vault_fixture.hpp"

using namespace arbor::km;

namespace {

bool refused_with(const error& e, errc code, std::string_view words) {
  BOOST_TEST_MESSAGE(e.what());
  return e.code() == code && std::string(e.what()).find(words) != std::string::npos;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(keyslots, testing::vault_fixture)

BOOST_AUTO_TEST_CASE(each_administrators_keyslot_opens_the_same_keys) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto opened = open_with({i});
    BOOST_TEST((opened.escrow_key().public_key() == keys.escrow_key().public_key()));
    BOOST_TEST(EVP_PKEY_eq(opened.identity().key().native(), testing::test_identity().key().native()) == 1);
  }
}

BOOST_AUTO_TEST_CASE(a_wrong_password_opens_nothing_and_names_the_keyslot) {
  const secret wrong("not-alices-password");
  const std::vector<administrator_key> given{{"alice", &wrong}};
  BOOST_CHECK_EXCEPTION(vault(db).open(given, nullptr), error,
                        [](const error& e) { return refused_with(e, errc::crypto, "keyslot of administrator 'alice'"); });
}

BOOST_AUTO_TEST_CASE(an_administrator_without_a_keyslot_is_named) {
  store::keyslot_repository(db).remove("bob");
  BOOST_CHECK_EXCEPTION(open_with({1}), error,
                        [](const error& e) { return refused_with(e, errc::auth_failed, "bob has no keyslot"); });
}

BOOST_AUTO_TEST_CASE(two_of_three_need_two_administrators_any_two_open_one_does_not) {
  vault(db).share_out(keys, 2);
  BOOST_TEST(vault(db).threshold() == 2);
  for (std::size_t i = 0; i < 3; ++i)
    BOOST_CHECK_EXCEPTION(open_with({i}), error, [](const error& e) { return e.code() == errc::auth_failed; });
  for (auto pair : std::vector<std::vector<std::size_t>>{{0, 1}, {0, 2}, {1, 2}, {0, 1, 2}})
    BOOST_TEST((open_with(pair).escrow_key().public_key() == keys.escrow_key().public_key()));
}

// The attacker who edits kms.db: the threshold lowered in every keyslot is bound into each share,
// so no share opens any more, and one administrator still opens nothing.
BOOST_AUTO_TEST_CASE(a_threshold_lowered_in_the_database_opens_nothing) {
  vault(db).share_out(keys, 2);
  db.exec("UPDATE keyslots SET share_threshold = 1");
  BOOST_CHECK_EXCEPTION(open_with({0}), error, [](const error& e) { return refused_with(e, errc::crypto, "share"); });
}

// The attacker's own keyslot row, from another vault where they know the password: it opens that
// vault's share, which does not open this vault's keys.
BOOST_AUTO_TEST_CASE(a_keyslot_copied_from_another_vault_opens_nothing) {
  testing::vault_fixture other;
  auto theirs = *store::keyslot_repository(other.db).find("alice");
  store::keyslot_repository(db).put(theirs);
  BOOST_CHECK_EXCEPTION(open_with({0}), error, [](const error& e) { return e.code() == errc::crypto; });
}

BOOST_AUTO_TEST_CASE(a_public_key_written_without_the_vault_gets_no_share) {
  auto slot = *store::keyslot_repository(db).find("carol");
  const auto replaced = crypto::x25519_private_key::generate().public_key().bytes();
  slot.public_key.assign(replaced.begin(), replaced.end());
  store::keyslot_repository(db).put(slot);
  BOOST_CHECK_EXCEPTION(vault(db).share_out(keys, 1), error,
                        [](const error& e) { return refused_with(e, errc::crypto, "keyslot of 'carol' was altered"); });
}

// a share is sealed to a keyslot's public key, which anyone can read. Someone who
// writes kms.db picks their own V', seals it as a threshold-1 share to every administrator's public
// key, and writes the escrow public key and identity derived from V' into the vault row (the
// labels are in the source). The administrators' passwords must not open V': it would seal every
// later enrollment and import to the attacker, with no refusal ever said.
BOOST_AUTO_TEST_CASE(a_vault_planted_under_the_administrators_public_keys_does_not_open) {
  store::keyslot_repository slots(db);
  const auto vault_id = slots.vault()->vault_id;
  secret planted(32);
  BOOST_REQUIRE(RAND_bytes(planted.data(), 32) == 1);
  const auto derived = [&](std::string_view label) {
    return crypto::hkdf_sha256({planted.data(), planted.size()}, vault_id, label);
  };
  const auto escrow = crypto::x25519_private_key::from_seed(derived("arbor-km vault escrow key v1"));
  const auto identity = crypto::server_identity::generate(crypto::key_type::ec_p384, "Attacker", std::chrono::days(30));
  const auto escrow_public = escrow.public_key().bytes();
  db.prepare("UPDATE vault SET escrow_public_key = ?1, identity_key_sealed = ?2, identity_cert_der = ?3")
      .bind(1, std::vector<std::uint8_t>(escrow_public.begin(), escrow_public.end()))
      .bind(2, crypto::sealing_key(derived("arbor-km vault identity key v1")).seal(identity.key().to_pkcs8_der(), "kms-identity"))
      .bind(3, identity.cert().der())
      .run();
  for (auto slot : slots.list()) {
    slot.share_threshold = 1;
    slot.share_x = 1;
    slot.share_sealed = crypto::seal_to(crypto::x25519_public_key::from_bytes(slot.public_key, "slot"), planted,
                                        "arbor-km keyslot share v1|" + to_hex(vault_id) + "|" + slot.administrator + "|1|1");
    slots.put(slot);
  }
  BOOST_CHECK_EXCEPTION(open_with({0}), error, [](const error& e) { return e.code() == errc::crypto; });
}

// the escrow public key replaced by one whose private half the attacker holds.
// Enrollment cannot tell (it opens nothing): keys enrolled until the next key-opening task are
// sealed to the attacker (docs/key-protection.md says so). That task must refuse, naming the edit.
BOOST_AUTO_TEST_CASE(an_escrow_public_key_replaced_in_the_database_is_refused_at_the_next_opening) {
  const auto theirs = crypto::x25519_private_key::generate().public_key().bytes();
  db.prepare("UPDATE vault SET escrow_public_key = ?1")
      .bind(1, std::vector<std::uint8_t>(theirs.begin(), theirs.end()))
      .run();
  BOOST_CHECK_EXCEPTION(open_with({0}), error, [](const error& e) { return refused_with(e, errc::crypto, "keyslot"); });
}

BOOST_AUTO_TEST_CASE(a_new_split_leaves_old_shares_useless) {
  vault(db).share_out(keys, 2);
  const auto before = *store::keyslot_repository(db).find("alice");
  vault(db).share_out(keys, 2);
  store::keyslot_repository(db).put(before);  // alice's share from the earlier split
  BOOST_CHECK_EXCEPTION(open_with({0, 1}), error, [](const error& e) { return e.code() == errc::crypto; });
}

// Another task splits V anew (a policy change, an administrator added) while this one runs
// Argon2id for its administrators, seconds each: the shares it combines are all of one split.
BOOST_AUTO_TEST_CASE(a_new_split_committed_while_the_keyslots_are_opened_does_not_mix_in) {
  vault(db).share_out(keys, 2);
  const std::vector<administrator_key> given{key_of(0), key_of(1)};
  const auto read = vault(db).snapshot(given);
  auto other_task = store::schema::open_database(dir / "kms.db");
  vault(other_task).share_out(keys, 2);
  BOOST_TEST((vault::open(read, nullptr).escrow_key().public_key() == keys.escrow_key().public_key()));
}

// Keys opened before another task bound the vault to a token (a new pepper: the row's wrapped
// one changes) make shares that no longer open it; none are given, and the split stays whole.
BOOST_AUTO_TEST_CASE(keys_opened_before_the_vault_row_changed_give_out_no_shares) {
  const auto before = *store::keyslot_repository(db).find("alice");
  store::keyslot_repository(db).set_token_wrapped(std::vector<std::uint8_t>{1, 2, 3});
  BOOST_CHECK_EXCEPTION(vault(db).share_out(keys, 1), error,
                        [](const error& e) { return refused_with(e, errc::conflict, "Run the task again"); });
  BOOST_TEST(store::keyslot_repository(db).find("alice")->share_sealed == before.share_sealed);
}

BOOST_AUTO_TEST_CASE(a_changed_password_opens_the_keyslot_and_the_old_one_does_not) {
  const secret next("alice-next-password");
  vault(db).change_password("alice", passwords[0], next, testing::cheap);
  const std::vector<administrator_key> with_next{{"alice", &next}};
  BOOST_TEST((vault(db).open(with_next, nullptr).escrow_key().public_key() == keys.escrow_key().public_key()));
  BOOST_CHECK_EXCEPTION(open_with({0}), error, [](const error& e) { return e.code() == errc::crypto; });
}

BOOST_AUTO_TEST_CASE(splitting_for_more_administrators_than_keyslots_is_refused) {
  BOOST_CHECK_EXCEPTION(vault(db).share_out(keys, 4), error, [](const error& e) { return e.code() == errc::bad_input; });
}

BOOST_AUTO_TEST_SUITE_END()
