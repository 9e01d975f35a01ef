#define BOOST_TEST_MODULE pkcs11_token_test
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <future>
#include <optional>
#include <string>

#include "common/km_error.hpp"
#include "crypto/pkcs11_token.hpp"
#include "crypto_test_support.hpp"
#include "softhsm.hpp"

using arbor::km::errc;
using arbor::km::error;
using arbor::km::secret;
using arbor::km::crypto::pkcs11_config;
using arbor::km::crypto::pkcs11_token;
namespace test = arbor::km::test;

namespace {

const secret plaintext("0123456789abcdef0123456789abcdef");  // a 32-byte vault secret
constexpr std::string_view aad = "arbor vault / hsm slot 1";
constexpr std::size_t iv_size = 12;
constexpr std::size_t tag_size = 16;
// How long a first task keeps the token while a second one asks for it.
constexpr std::chrono::milliseconds hold_time{200};

// The scratch SoftHSM2, with the wrapping key made in a token and OpenSC's tool to read it.
struct softhsm : test::softhsm {
  static pkcs11_token open_with_key(const std::string& token_label = "arbor-test") {
    pkcs11_token token = pkcs11_token::open(config(token_label), secret(user_pin));
    token.create_wrapping_key();
    return token;
  }

  // OpenSC's pkcs11-tool, an independent reader of the token, logged in as the user.
  static test::command_result pkcs11_tool(const std::string& arguments) {
    BOOST_REQUIRE_MESSAGE(test::run("command -v pkcs11-tool").exit_code == 0,
                          "pkcs11-tool is missing: install it with `apt-get install opensc` "
                          "(scripts/bootstrap)");
    return test::run("pkcs11-tool --module " + test::quoted(module_path) +
                     " --token-label arbor-test --login --pin " + user_pin + " " + arguments);
  }
};

errc failure_code(const std::function<void()>& action) {
  try {
    action();
  } catch (const error& e) {
    BOOST_TEST_MESSAGE("refused: " << e.what());
    return e.code();
  }
  BOOST_FAIL("no error was thrown");
  return errc::internal;
}

bool same(errc a, errc b) { return static_cast<int>(a) == static_cast<int>(b); }

std::vector<std::uint8_t> flipped(std::vector<std::uint8_t> blob, std::size_t index) {
  blob.at(index) ^= 0x01;
  return blob;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(pkcs11_token_suite, softhsm)

BOOST_AUTO_TEST_CASE(wrap_then_unwrap_returns_the_secret) {
  pkcs11_token token = open_with_key();
  const auto blob = token.wrap(plaintext, aad);
  BOOST_TEST(blob.size() == iv_size + plaintext.size() + tag_size);
  const std::string text(blob.begin(), blob.end());
  BOOST_TEST(text.find(plaintext.view().substr(0, 8)) == std::string::npos);
  BOOST_TEST((token.unwrap(blob, aad) == plaintext));
}

BOOST_AUTO_TEST_CASE(each_wrap_draws_a_fresh_iv) {
  pkcs11_token token = open_with_key();
  const auto a = token.wrap(plaintext, aad);
  const auto b = token.wrap(plaintext, aad);
  BOOST_TEST(!std::equal(a.begin(), a.begin() + iv_size, b.begin()));
}

BOOST_AUTO_TEST_CASE(the_wrapping_key_stays_in_the_token_after_it_is_closed) {
  std::vector<std::uint8_t> blob;
  {
    pkcs11_token token = open_with_key();
    blob = token.wrap(plaintext, aad);
  }
  pkcs11_token reopened = pkcs11_token::open(config(), secret(user_pin));
  BOOST_TEST((reopened.unwrap(blob, aad) == plaintext));
}

BOOST_AUTO_TEST_CASE(the_wrapping_key_cannot_be_read_and_only_encrypts_and_decrypts) {
  open_with_key();
  const auto read = pkcs11_tool("--read-object --type secrkey --label arbor-km-wrap --output-file " +
                                test::quoted(dir / "key-value"));
  BOOST_TEST(read.exit_code != 0);
  BOOST_TEST(read.output.find("CKR_ATTRIBUTE_SENSITIVE") != std::string::npos, read.output);
  BOOST_TEST(!std::filesystem::exists(dir / "key-value"));

  const auto listed = pkcs11_tool("--list-objects --type secrkey");
  BOOST_TEST_REQUIRE(listed.exit_code == 0, listed.output);
  BOOST_TEST(listed.output.find("label:      arbor-km-wrap") != std::string::npos, listed.output);
  BOOST_TEST(listed.output.find("AES length 32") != std::string::npos, listed.output);
  BOOST_TEST(listed.output.find("Usage:      encrypt, decrypt\n") != std::string::npos, listed.output);
  BOOST_TEST(listed.output.find("Access:     sensitive, always sensitive, never extractable") !=
                 std::string::npos,
             listed.output);
}

BOOST_AUTO_TEST_CASE(a_wrong_pin_is_refused) {
  BOOST_TEST(same(failure_code([] { pkcs11_token::open(config(), secret("not-the-pin")); }),
                  errc::auth_failed));
}

BOOST_AUTO_TEST_CASE(an_unknown_token_label_is_not_found) {
  BOOST_TEST(same(failure_code([] { pkcs11_token::open(config("no-such-token"), secret(user_pin)); }),
                  errc::not_found));
}

// SoftHSM always offers a free token whose label is all blanks, as a padded " " would be.
BOOST_AUTO_TEST_CASE(a_blank_label_does_not_pick_the_free_token) {
  BOOST_TEST(same(failure_code([] { pkcs11_token::open(config(" "), secret(user_pin)); }),
                  errc::not_found));
}

BOOST_AUTO_TEST_CASE(a_missing_module_is_not_found) {
  pkcs11_config missing = config();
  missing.module = dir / "libno-such-module.so";
  BOOST_TEST(same(failure_code([&] { pkcs11_token::open(missing, secret(user_pin)); }),
                  errc::not_found));
}

BOOST_AUTO_TEST_CASE(a_file_that_is_not_a_module_and_a_relative_path_are_refused) {
  pkcs11_config not_a_module = config();
  not_a_module.module = dir / "softhsm2.conf";
  BOOST_TEST(same(failure_code([&] { pkcs11_token::open(not_a_module, secret(user_pin)); }),
                  errc::bad_input));
  pkcs11_config relative = config();
  relative.module = "libsofthsm2.so";
  BOOST_TEST(same(failure_code([&] { pkcs11_token::open(relative, secret(user_pin)); }),
                  errc::bad_input));
}

BOOST_AUTO_TEST_CASE(unusable_labels_are_refused) {
  for (const std::string& label : {std::string(), std::string(33, 'x'), std::string("arbor\ntest")}) {
    BOOST_TEST(same(failure_code([&] { pkcs11_token::open(config(label), secret(user_pin)); }),
                    errc::bad_input));
  }
  pkcs11_config no_key_label = config();
  no_key_label.key_label.clear();
  BOOST_TEST(same(failure_code([&] { pkcs11_token::open(no_key_label, secret(user_pin)); }),
                  errc::bad_input));
}

BOOST_AUTO_TEST_CASE(unwrap_rejects_every_changed_byte) {
  pkcs11_token token = open_with_key();
  const auto blob = token.wrap(plaintext, aad);
  for (std::size_t i = 0; i < blob.size(); ++i) {
    BOOST_TEST(same(failure_code([&] { token.unwrap(flipped(blob, i), aad); }), errc::crypto),
               "byte " << i);
  }
}

BOOST_AUTO_TEST_CASE(unwrap_rejects_truncated_blobs) {
  pkcs11_token token = open_with_key();
  const auto blob = token.wrap(plaintext, aad);
  BOOST_TEST(same(failure_code([&] { token.unwrap({blob.begin(), blob.end() - 1}, aad); }),
                  errc::crypto));
  BOOST_TEST(same(failure_code([&] { token.unwrap({blob.begin(), blob.begin() + 27}, aad); }),
                  errc::crypto));
  // Still usable afterwards: a refused blob leaves no operation open in the session.
  BOOST_TEST((token.unwrap(blob, aad) == plaintext));
}

BOOST_AUTO_TEST_CASE(unwrap_rejects_other_associated_data) {
  pkcs11_token token = open_with_key();
  const auto blob = token.wrap(plaintext, aad);
  BOOST_TEST(same(failure_code([&] { token.unwrap(blob, "arbor vault / hsm slot 2"); }),
                  errc::crypto));
  BOOST_TEST(same(failure_code([&] { token.unwrap(blob, ""); }), errc::crypto));
}

BOOST_AUTO_TEST_CASE(another_tokens_key_cannot_unwrap) {
  init_token("arbor-test-2");
  pkcs11_token first = open_with_key("arbor-test");
  pkcs11_token second = open_with_key("arbor-test-2");
  const auto blob = first.wrap(plaintext, aad);
  BOOST_TEST(same(failure_code([&] { second.unwrap(blob, aad); }), errc::crypto));
}

BOOST_AUTO_TEST_CASE(closing_one_token_leaves_another_of_the_same_module_open) {
  init_token("arbor-test-2");
  pkcs11_token second = open_with_key("arbor-test-2");
  { pkcs11_token first = open_with_key("arbor-test"); }
  BOOST_TEST((second.unwrap(second.wrap(plaintext, aad), aad) == plaintext));
}

BOOST_AUTO_TEST_CASE(creating_the_wrapping_key_twice_is_a_conflict) {
  pkcs11_token token = open_with_key();
  const auto blob = token.wrap(plaintext, aad);
  BOOST_TEST(same(failure_code([&] { token.create_wrapping_key(); }), errc::conflict));
  BOOST_TEST((token.unwrap(blob, aad) == plaintext));
}

BOOST_AUTO_TEST_CASE(wrap_without_a_wrapping_key_is_not_found) {
  pkcs11_token token = pkcs11_token::open(config(), secret(user_pin));
  BOOST_TEST(same(failure_code([&] { token.wrap(plaintext, aad); }), errc::not_found));
}

// The login belongs to the process, not the session, so the tasks of a process (each on a thread
// of its own) take a token in turn: a second open waits until the first is closed, then logs in.
BOOST_AUTO_TEST_CASE(a_second_open_waits_until_the_first_is_closed_then_opens) {
  std::optional<pkcs11_token> first = open_with_key();
  const auto blob = first->wrap(plaintext, aad);
  auto second = std::async(std::launch::async, [] { return pkcs11_token::open(config(), secret(user_pin)); });
  BOOST_TEST((second.wait_for(hold_time) == std::future_status::timeout));
  BOOST_TEST((first->unwrap(blob, aad) == plaintext));  // the waiting one took nothing from it
  first.reset();
  pkcs11_token opened = second.get();
  BOOST_TEST((opened.unwrap(blob, aad) == plaintext));
}

// The second login is a login of its own: its PIN is checked, not carried by the first's.
BOOST_AUTO_TEST_CASE(a_wrong_pin_is_refused_after_the_wait) {
  std::optional<pkcs11_token> first = open_with_key();
  auto second = std::async(std::launch::async, [] { return pkcs11_token::open(config(), secret("not-the-pin")); });
  BOOST_TEST((second.wait_for(hold_time) == std::future_status::timeout));
  first.reset();
  BOOST_TEST(same(failure_code([&] { second.get(); }), errc::auth_failed));
}

BOOST_AUTO_TEST_SUITE_END()
