#define BOOST_TEST_MODULE x25519_seal_test
// Sealing to an X25519 public key: RFC 7748's keys, the blob layout opened independently with
// OpenSSL as x25519_seal.hpp documents it, every change to a blob refused, and the openssl
// command line agreeing on a key's public half.
#include <openssl/evp.h>

#include <boost/test/unit_test.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/km_error.hpp"
#include "crypto/hkdf.hpp"
#include "crypto/ossl.hpp"
#include "crypto/sealing.hpp"
#include "crypto/x25519_seal.hpp"
#include "crypto_test_support.hpp"

using arbor::km::errc;
using arbor::km::secret;
using namespace arbor::km::crypto;
namespace test = arbor::km::test;

namespace {

constexpr std::size_t ephemeral_offset = 1;
constexpr std::size_t nonce_offset = 33;
constexpr std::size_t body_offset = 45;
constexpr std::size_t tag_size = 16;

// RFC 7748 section 6.1.
constexpr std::string_view alice_private = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
constexpr std::string_view alice_public = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
constexpr std::string_view bob_private = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
constexpr std::string_view bob_public = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
constexpr std::string_view shared_secret = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

const secret plaintext("the vault secret: 32 bytes of it");
constexpr std::string_view aad = "escrow / user 42 / key 7";

secret secret_of(std::string_view hex) {
  const auto bytes = test::from_hex(hex);
  return {bytes.data(), bytes.size()};
}

x25519_public_key public_of(std::string_view hex) { return x25519_public_key::from_bytes(test::from_hex(hex), "a test key"); }

std::vector<std::uint8_t> bytes_of(const x25519_public_key& key) { return {key.bytes().begin(), key.bytes().end()}; }

std::optional<errc> refusal_code(const std::function<void()>& action) { return test::refusal_of(action).code; }

void expect_does_not_verify(const x25519_private_key& key, const std::vector<std::uint8_t>& blob,
                            std::string_view associated_data, const std::string& what) {
  const auto refused = test::refusal_of([&] { open_sealed(key, blob, associated_data); });
  BOOST_TEST((refused.code == errc::crypto), what);
  BOOST_TEST(refused.message.find("sealed data does not verify") != std::string::npos, what);
}

// X25519 done here with OpenSSL alone, as the reference the layout test opens a blob with.
secret agree(const secret& seed, std::span<const std::uint8_t> peer) {
  const ossl::pkey_ptr own(EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, nullptr, seed.data(), seed.size()));
  const ossl::pkey_ptr other(EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, nullptr, peer.data(), peer.size()));
  const ossl::pkey_ctx_ptr ctx(EVP_PKEY_CTX_new(own.get(), nullptr));
  secret shared(32);
  std::size_t size = shared.size();
  BOOST_REQUIRE(EVP_PKEY_derive_init(ctx.get()) == 1);
  BOOST_REQUIRE(EVP_PKEY_derive_set_peer(ctx.get(), other.get()) == 1);
  BOOST_REQUIRE(EVP_PKEY_derive(ctx.get(), shared.data(), &size) == 1);
  return shared;
}

// AES-256-GCM decryption with the associated data x25519_seal.hpp names: version byte, then the
// caller's. Empty when the tag does not verify.
std::string gcm_open(const secret& key, const std::vector<std::uint8_t>& blob, std::string_view associated_data) {
  const ossl::cipher_ctx_ptr ctx(EVP_CIPHER_CTX_new());
  BOOST_REQUIRE(EVP_DecryptInit_ex2(ctx.get(), EVP_aes_256_gcm(), key.data(), blob.data() + nonce_offset, nullptr) == 1);
  int n = 0;
  BOOST_REQUIRE(EVP_DecryptUpdate(ctx.get(), nullptr, &n, blob.data(), 1) == 1);
  BOOST_REQUIRE(EVP_DecryptUpdate(ctx.get(), nullptr, &n, reinterpret_cast<const unsigned char*>(associated_data.data()),
                                  static_cast<int>(associated_data.size())) == 1);
  std::string out(blob.size() - body_offset - tag_size, '\0');
  BOOST_REQUIRE(EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &n, blob.data() + body_offset,
                                  static_cast<int>(out.size())) == 1);
  std::vector<std::uint8_t> tag(blob.end() - tag_size, blob.end());
  BOOST_REQUIRE(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_TAG, static_cast<int>(tag_size), tag.data()) == 1);
  int final_n = 0;
  if (EVP_DecryptFinal_ex(ctx.get(), nullptr, &final_n) != 1) return {};
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(keys)

BOOST_AUTO_TEST_CASE(rfc7748_private_keys_give_its_public_keys) {
  BOOST_TEST((x25519_private_key::from_seed(secret_of(alice_private)).public_key() == public_of(alice_public)));
  BOOST_TEST((x25519_private_key::from_seed(secret_of(bob_private)).public_key() == public_of(bob_public)));
  BOOST_TEST(!(public_of(alice_public) == public_of(bob_public)));
}

BOOST_AUTO_TEST_CASE(the_reference_agreement_gives_rfc7748s_shared_secret) {
  BOOST_TEST((agree(secret_of(alice_private), test::from_hex(bob_public)) == secret_of(shared_secret)));
  BOOST_TEST((agree(secret_of(bob_private), test::from_hex(alice_public)) == secret_of(shared_secret)));
}

BOOST_AUTO_TEST_CASE(a_seed_makes_the_same_key_again) {
  const auto key = x25519_private_key::generate();
  const secret seed = key.seed();
  BOOST_TEST(seed.size() == x25519_private_key::seed_size);
  const auto again = x25519_private_key::from_seed(seed);
  BOOST_TEST((again.seed() == seed));
  BOOST_TEST((again.public_key() == key.public_key()));
  BOOST_TEST((open_sealed(again, seal_to(key.public_key(), plaintext, aad), aad) == plaintext));
  BOOST_TEST(!(x25519_private_key::generate().public_key() == key.public_key()));
}

BOOST_AUTO_TEST_CASE(seeds_and_public_keys_of_another_length_are_refused) {
  for (std::size_t size : {0, 31, 33}) {
    BOOST_TEST((refusal_code([&] { x25519_private_key::from_seed(secret(size)); }) == errc::internal), size);
    BOOST_TEST((refusal_code([&] { x25519_public_key::from_bytes(std::vector<std::uint8_t>(size, 9), "the escrow key"); }) ==
                errc::corrupt),
               size);
  }
  const auto refused = test::refusal_of([] { x25519_public_key::from_bytes(std::vector<std::uint8_t>(31, 9), "the escrow key"); });
  BOOST_TEST(refused.message.find("the escrow key is damaged") != std::string::npos);
}

// The seed wrapped as PKCS#8 (RFC 8410's fixed prefix); `openssl pkey` prints the public key as
// SubjectPublicKeyInfo, whose last 32 bytes are the key.
BOOST_AUTO_TEST_CASE(the_openssl_command_line_derives_the_same_public_key) {
  test::scratch_dir dir;
  const auto key = x25519_private_key::generate();
  std::vector<std::uint8_t> pkcs8 = test::from_hex("302e020100300506032b656e04220420");
  const secret seed = key.seed();
  pkcs8.insert(pkcs8.end(), seed.data(), seed.data() + seed.size());
  test::write_bytes(dir / "key.der", pkcs8);
  const auto result = test::run("openssl pkey -inform DER -in " + test::quoted(dir / "key.der") +
                                " -pubout -outform DER -out " + test::quoted(dir / "public.der"));
  BOOST_TEST_REQUIRE(result.exit_code == 0, result.output);
  const auto spki = test::read_bytes(dir / "public.der");
  BOOST_TEST_REQUIRE(spki.size() == 44u);
  BOOST_TEST((std::vector<std::uint8_t>(spki.end() - 32, spki.end()) == bytes_of(key.public_key())));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(sealing)

BOOST_AUTO_TEST_CASE(round_trip_returns_the_plaintext) {
  const auto key = x25519_private_key::generate();
  const auto blob = seal_to(key.public_key(), plaintext, aad);
  BOOST_TEST(blob.size() == body_offset + plaintext.size() + tag_size);
  BOOST_TEST(blob[0] == 2);
  BOOST_TEST((open_sealed(key, blob, aad) == plaintext));
  BOOST_TEST(open_sealed(key, seal_to(key.public_key(), secret(), ""), "").empty());
}

BOOST_AUTO_TEST_CASE(the_blob_opens_by_its_documented_layout) {
  const secret bob = secret_of(bob_private);
  const auto blob = seal_to(public_of(bob_public), plaintext, aad);
  const std::vector<std::uint8_t> ephemeral(blob.begin() + ephemeral_offset, blob.begin() + nonce_offset);
  const std::vector<std::uint8_t> recipient = test::from_hex(bob_public);
  std::vector<std::uint8_t> salt = ephemeral;
  salt.insert(salt.end(), recipient.begin(), recipient.end());
  const secret shared = agree(bob, ephemeral);
  const secret content_key = hkdf_sha256({shared.data(), shared.size()}, salt, "arbor-km x25519 seal v2");
  BOOST_TEST(gcm_open(content_key, blob, aad) == std::string(plaintext.view()));
}

BOOST_AUTO_TEST_CASE(each_seal_uses_a_fresh_ephemeral_key_and_nonce) {
  const auto to = x25519_private_key::generate().public_key();
  const auto a = seal_to(to, plaintext, aad);
  const auto b = seal_to(to, plaintext, aad);
  BOOST_TEST(!std::equal(a.begin() + ephemeral_offset, a.begin() + nonce_offset, b.begin() + ephemeral_offset));
  BOOST_TEST(!std::equal(a.begin() + nonce_offset, a.begin() + body_offset, b.begin() + nonce_offset));
  const std::string text(a.begin(), a.end());
  BOOST_TEST(text.find(plaintext.view().substr(0, 8)) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(tells_its_blobs_from_symmetric_blobs) {
  BOOST_TEST(is_sealed_to_public_key(seal_to(x25519_private_key::generate().public_key(), plaintext, aad)));
  BOOST_TEST(!is_sealed_to_public_key(sealing_key::generate().seal(plaintext, aad)));
  BOOST_TEST(!is_sealed_to_public_key({}));
}

// Flipping the top bit of the ephemeral key's last byte leaves the X25519 result unchanged (RFC
// 7748 masks it); the key is in the HKDF salt, so the blob is refused all the same.
BOOST_AUTO_TEST_CASE(every_changed_byte_is_refused) {
  const auto key = x25519_private_key::generate();
  const auto blob = seal_to(key.public_key(), plaintext, aad);
  for (std::size_t i = 0; i < blob.size(); ++i) {
    for (std::uint8_t bit : {0x01, 0x80}) {
      auto changed = blob;
      changed[i] ^= bit;
      expect_does_not_verify(key, changed, aad, "byte " + std::to_string(i) + " ^ " + std::to_string(bit));
    }
  }
}

BOOST_AUTO_TEST_CASE(truncated_and_extended_blobs_are_refused) {
  const auto key = x25519_private_key::generate();
  const auto blob = seal_to(key.public_key(), plaintext, aad);
  for (std::size_t size = 0; size < blob.size(); ++size) {
    expect_does_not_verify(key, {blob.begin(), blob.begin() + static_cast<std::ptrdiff_t>(size)}, aad,
                           "first " + std::to_string(size) + " bytes");
  }
  auto longer = blob;
  longer.push_back(0);
  expect_does_not_verify(key, longer, aad, "one byte more");
}

BOOST_AUTO_TEST_CASE(another_key_or_other_associated_data_is_refused) {
  const auto key = x25519_private_key::generate();
  const auto blob = seal_to(key.public_key(), plaintext, aad);
  expect_does_not_verify(x25519_private_key::generate(), blob, aad, "another key");
  expect_does_not_verify(key, blob, "escrow / user 42 / key 8", "other associated data");
  expect_does_not_verify(key, blob, "", "no associated data");
}

BOOST_AUTO_TEST_CASE(version_1_blobs_are_refused) {
  const auto key = x25519_private_key::generate();
  auto blob = seal_to(key.public_key(), plaintext, aad);
  blob[0] = 1;
  expect_does_not_verify(key, blob, aad, "version byte 1");
  expect_does_not_verify(key, sealing_key::generate().seal(plaintext, aad), aad, "a symmetric blob");
}

// Low-order points give an all-zero shared secret that anyone can compute (RFC 7748 section 6.1).
BOOST_AUTO_TEST_CASE(low_order_keys_are_refused) {
  std::vector<std::uint8_t> zero(32, 0);
  std::vector<std::uint8_t> one(32, 0);
  one[0] = 1;
  for (const auto& point : {zero, one}) {
    const auto low = x25519_public_key::from_bytes(point, "a low-order key");
    BOOST_TEST((refusal_code([&] { seal_to(low, plaintext, aad); }) == errc::crypto));
    const auto key = x25519_private_key::generate();
    auto blob = seal_to(key.public_key(), plaintext, aad);
    std::copy(point.begin(), point.end(), blob.begin() + ephemeral_offset);
    expect_does_not_verify(key, blob, aad, "a low-order ephemeral key");
  }
}

BOOST_AUTO_TEST_SUITE_END()
