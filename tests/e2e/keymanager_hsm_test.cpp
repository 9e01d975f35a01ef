#define BOOST_TEST_MODULE keymanager_hsm_test
// The HSM token through `arbor run`: configured with ARBOR_CONFIG_KEYS_PKCS11_*, its PIN read from
// --password-fd on the line after the passwords, the first key-opening task binding it, and the
// refusals of a wrong PIN, of a token no longer configured and of a token configured in part. A
// scratch SoftHSM2 of its own.
#include "kms_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <stdlib.h>

#include <filesystem>
#include <string>

using arbor::test::kms_server;
using arbor::test::quoted;
using arbor::test::shell;

namespace {

const std::string pin = "user-pin-1234";

// Adding an administrator opens the keys (the vault is split anew): the login asks the HSM PIN.
const std::string add_alice =
    R"({"operation":{"action":"add"},"login":{"administrator":"admin"},"administrator":{"name":"alice"}})";
const std::string remove_alice =
    R"({"operation":{"action":"remove"},"login":{"administrator":"admin"},"administrator":{"name":"alice"}})";

struct hsm_server : kms_server {
  hsm_server() : kms_server("hsm") {
    BOOST_REQUIRE_MESSAGE(std::filesystem::exists(ARBOR_SOFTHSM2_MODULE),
                          "the SoftHSM2 module is missing: install it with `apt-get install softhsm2` (scripts/bootstrap)");
    std::filesystem::create_directory(root() / "tokens");
    const auto conf = root() / "softhsm2.conf";
    shell("printf 'directories.tokendir = %s\\nobjectstore.backend = file\\nlog.level = ERROR\\n' " +
          quoted((root() / "tokens").string()) + " > " + quoted(conf.string()));
    BOOST_REQUIRE(::setenv("SOFTHSM2_CONF", conf.c_str(), 1) == 0);
    shell("softhsm2-util --init-token --free --label arbor-e2e --so-pin so-pin-8765 --pin " + pin + " >/dev/null");
    configure(true);
  }
  ~hsm_server() { configure(false); }

  // arbor reads its configuration from the environment it inherits.
  static void configure(bool token) {
    if (token) {
      ::setenv("ARBOR_CONFIG_KEYS_PKCS11_MODULE", ARBOR_SOFTHSM2_MODULE, 1);
      ::setenv("ARBOR_CONFIG_KEYS_PKCS11_TOKEN", "arbor-e2e", 1);
    } else {
      ::unsetenv("ARBOR_CONFIG_KEYS_PKCS11_MODULE");
      ::unsetenv("ARBOR_CONFIG_KEYS_PKCS11_TOKEN");
    }
  }

  std::string audited(const std::string& event) const {
    return sql("SELECT outcome || ': ' || detail FROM audit_log WHERE event = '" + event + "' ORDER BY id DESC LIMIT 1;");
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(hsm, hsm_server)

BOOST_AUTO_TEST_CASE(the_pin_after_the_passwords_binds_the_token_at_the_first_key_opening) {
  const auto added = run("administrators", add_alice, {"password", pin, "Alice-Secret-1", "Alice-Secret-1"});
  BOOST_REQUIRE_MESSAGE(added.exit_code == 0, added.out + added.err);
  BOOST_TEST(sql("SELECT length(token_wrapped) > 0 FROM vault;") == "1\n");
  BOOST_TEST(audited("hsm-bound").find("token=arbor-e2e") != std::string::npos, audited("hsm-bound"));
  // Bound: the keys open again with the token and its PIN.
  const auto removed = run("administrators", remove_alice, {"password", pin});
  BOOST_TEST(removed.exit_code == 0, removed.out + removed.err);
}

BOOST_AUTO_TEST_CASE(a_wrong_pin_fails_the_task_and_binds_nothing) {
  const auto refused = run("administrators", add_alice, {"password", "not-the-pin", "Alice-Secret-1", "Alice-Secret-1"});
  BOOST_TEST(refused.exit_code == 5, refused.out + refused.err);
  BOOST_TEST(refused.out.find("PIN") != std::string::npos, refused.out);
  BOOST_TEST(sql("SELECT length(token_wrapped) FROM vault;") == "0\n");
  BOOST_TEST(sql("SELECT count(*) FROM administrators WHERE name = 'alice';") == "0\n");
}

BOOST_AUTO_TEST_CASE(a_bound_key_manager_without_its_token_configured_opens_no_key) {
  const auto added = run("administrators", add_alice, {"password", pin, "Alice-Secret-1", "Alice-Secret-1"});
  BOOST_REQUIRE_MESSAGE(added.exit_code == 0, added.out + added.err);
  configure(false);
  const auto refused = run("administrators", remove_alice, {"password"});
  BOOST_TEST(refused.exit_code == 5, refused.out + refused.err);
  BOOST_TEST(refused.out.find("keys.pkcs11-token") != std::string::npos, refused.out);
  BOOST_TEST(audited("keys-opened").starts_with("failure: task=manage-administrators: "), audited("keys-opened"));
  BOOST_TEST(sql("SELECT count(*) FROM administrators WHERE name = 'alice';") == "1\n");
}

BOOST_AUTO_TEST_CASE(a_module_without_a_token_label_stops_the_plugin_naming_the_missing_setting) {
  ::unsetenv("ARBOR_CONFIG_KEYS_PKCS11_TOKEN");
  const auto refused = run("general", arbor::test::login_as(), {"password"}, {}, false);
  BOOST_TEST(refused.exit_code == 4, refused.out + refused.err);
  BOOST_TEST((refused.out + refused.err).find("keys.pkcs11-token is missing") != std::string::npos, refused.out + refused.err);
}

BOOST_AUTO_TEST_SUITE_END()
