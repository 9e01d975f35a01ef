#define BOOST_TEST_MODULE sealing_test
#include <boost/test/unit_test.hpp>

#include <functional>

#include "common/km_error.hpp"
#include "crypto/sealing.hpp"
#include "crypto_test_support.hpp"

using arbor::km::errc;
using arbor::km::error;
using arbor::km::secret;
using arbor::km::crypto::sealing_key;
namespace test = arbor::km::test;

namespace {

constexpr std::size_t nonce_offset = 1;
constexpr std::size_t body_offset = 13;
constexpr std::size_t tag_size = 16;

const secret plaintext("-----BEGIN PRIVATE KEY----- pretend key material");
constexpr std::string_view aad = "user 42 / key 7";

// The error unseal must give for anything that was changed.
void expect_does_not_verify(const sealing_key& key, const std::vector<std::uint8_t>& blob,
                            std::string_view associated_data) {
  try {
    key.unseal(blob, associated_data);
    BOOST_FAIL("altered sealed data was accepted");
  } catch (const error& e) {
    BOOST_TEST(static_cast<int>(e.code()) == static_cast<int>(errc::crypto));
    BOOST_TEST(std::string(e.what()).find("sealed data does not verify") != std::string::npos);
  }
}

std::vector<std::uint8_t> flipped(std::vector<std::uint8_t> blob, std::size_t index) {
  blob.at(index) ^= 0x01;
  return blob;
}

errc failure_code(const std::function<void()>& action) {
  try {
    action();
  } catch (const error& e) {
    return e.code();
  }
  BOOST_FAIL("no error was thrown");
  return errc::internal;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sealing)

BOOST_AUTO_TEST_CASE(round_trip_returns_the_plaintext) {
  const sealing_key key = sealing_key::generate();
  const auto blob = key.seal(plaintext, aad);
  BOOST_TEST(blob.size() == 1 + 12 + plaintext.size() + tag_size);
  BOOST_TEST(blob[0] == 1);
  BOOST_TEST((key.unseal(blob, aad) == plaintext));
}

BOOST_AUTO_TEST_CASE(round_trip_works_for_empty_plaintext_and_empty_aad) {
  const sealing_key key = sealing_key::generate();
  BOOST_TEST(key.unseal(key.seal(secret(), ""), "").empty());
}

BOOST_AUTO_TEST_CASE(ciphertext_does_not_contain_the_plaintext) {
  const sealing_key key = sealing_key::generate();
  const auto blob = key.seal(plaintext, aad);
  const std::string text(blob.begin(), blob.end());
  BOOST_TEST(text.find(plaintext.view().substr(0, 8)) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(each_seal_uses_a_fresh_nonce) {
  const sealing_key key = sealing_key::generate();
  const auto a = key.seal(plaintext, aad);
  const auto b = key.seal(plaintext, aad);
  BOOST_TEST(!std::equal(a.begin() + nonce_offset, a.begin() + body_offset, b.begin() + nonce_offset));
}

BOOST_AUTO_TEST_CASE(unseal_rejects_a_changed_version_byte) {
  const sealing_key key = sealing_key::generate();
  expect_does_not_verify(key, flipped(key.seal(plaintext, aad), 0), aad);
}

BOOST_AUTO_TEST_CASE(unseal_rejects_a_changed_nonce) {
  const sealing_key key = sealing_key::generate();
  const auto blob = key.seal(plaintext, aad);
  for (std::size_t i = nonce_offset; i < body_offset; ++i) {
    expect_does_not_verify(key, flipped(blob, i), aad);
  }
}

BOOST_AUTO_TEST_CASE(unseal_rejects_changed_ciphertext) {
  const sealing_key key = sealing_key::generate();
  const auto blob = key.seal(plaintext, aad);
  for (std::size_t i = body_offset; i < blob.size() - tag_size; ++i) {
    expect_does_not_verify(key, flipped(blob, i), aad);
  }
}

BOOST_AUTO_TEST_CASE(unseal_rejects_a_changed_tag) {
  const sealing_key key = sealing_key::generate();
  const auto blob = key.seal(plaintext, aad);
  for (std::size_t i = blob.size() - tag_size; i < blob.size(); ++i) {
    expect_does_not_verify(key, flipped(blob, i), aad);
  }
}

BOOST_AUTO_TEST_CASE(unseal_rejects_truncated_and_extended_blobs) {
  const sealing_key key = sealing_key::generate();
  const auto blob = key.seal(plaintext, aad);
  expect_does_not_verify(key, {blob.begin(), blob.end() - 1}, aad);
  expect_does_not_verify(key, {blob.begin(), blob.begin() + 28}, aad);
  expect_does_not_verify(key, {}, aad);
  auto longer = blob;
  longer.push_back(0);
  expect_does_not_verify(key, longer, aad);
}

BOOST_AUTO_TEST_CASE(unseal_rejects_different_associated_data) {
  const sealing_key key = sealing_key::generate();
  const auto blob = key.seal(plaintext, aad);
  expect_does_not_verify(key, blob, "user 42 / key 8");
  expect_does_not_verify(key, blob, "");
}

BOOST_AUTO_TEST_CASE(unseal_rejects_a_different_master_key) {
  const auto blob = sealing_key::generate().seal(plaintext, aad);
  expect_does_not_verify(sealing_key::generate(), blob, aad);
}

BOOST_AUTO_TEST_SUITE_END()

// The master.key of a Key Manager made before schema version 6, read once by its upgrade.
BOOST_AUTO_TEST_SUITE(legacy_master_key_file)

const std::vector<std::uint8_t> key_bytes(sealing_key::size, 0x5a);

void write_key_file(const std::filesystem::path& path) {
  test::write_bytes(path, key_bytes);
  std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

BOOST_AUTO_TEST_CASE(loads_the_key_the_file_holds) {
  test::scratch_dir dir;
  const auto path = dir / "master.key";
  write_key_file(path);
  const sealing_key same(secret(key_bytes.data(), key_bytes.size()));
  BOOST_TEST((sealing_key::load_file(path).unseal(same.seal(plaintext, aad), aad) == plaintext));
}

BOOST_AUTO_TEST_CASE(loading_refuses_a_file_others_can_read) {
  test::scratch_dir dir;
  const auto path = dir / "master.key";
  write_key_file(path);
  for (mode_t mode : {0640, 0604, 0660, 0606}) {
    std::filesystem::permissions(path, static_cast<std::filesystem::perms>(mode));
    try {
      sealing_key::load_file(path);
      BOOST_FAIL("a master key readable by others was loaded");
    } catch (const error& e) {
      BOOST_TEST(static_cast<int>(e.code()) == static_cast<int>(errc::io));
      BOOST_TEST(std::string(e.what()).find("chmod 600") != std::string::npos);
    }
  }
}

BOOST_AUTO_TEST_CASE(loading_refuses_a_file_of_the_wrong_size) {
  test::scratch_dir dir;
  const auto path = dir / "master.key";
  for (std::size_t size : {0, 31, 33, 64}) {
    std::filesystem::remove(path);
    test::write_bytes(path, std::vector<std::uint8_t>(size, 0x42));
    std::filesystem::permissions(path, std::filesystem::perms::owner_read);
    BOOST_TEST((failure_code([&] { sealing_key::load_file(path); }) == errc::corrupt), "size " << size);
  }
}

BOOST_AUTO_TEST_CASE(loading_a_missing_file_is_not_found) {
  test::scratch_dir dir;
  BOOST_TEST((failure_code([&] { sealing_key::load_file(dir / "none"); }) == errc::not_found));
}

BOOST_AUTO_TEST_SUITE_END()
