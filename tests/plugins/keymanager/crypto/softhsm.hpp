#pragma once
// A SoftHSM2 of its own for each test that needs a PKCS#11 token: its configuration and token
// directory in a scratch directory, named to the module by SOFTHSM2_CONF (read at C_Initialize,
// so no token of the module may be open when the next test makes its own), with the token
// "arbor-test" initialized by SoftHSM's own tool. Link km_test_softhsm: it sets the module's path
// (ARBOR_SOFTHSM2_MODULE); the tests need the real module and never skip without it.
#include <boost/test/unit_test.hpp>

#include <stdlib.h>

#include <filesystem>
#include <string>

#include "crypto/pkcs11_token.hpp"
#include "crypto_test_support.hpp"

namespace arbor::km::test {

struct softhsm {
  static inline const std::filesystem::path module_path = ARBOR_SOFTHSM2_MODULE;
  static inline const std::string so_pin = "so-pin-8765";
  static inline const std::string user_pin = "user-pin-1234";

  scratch_dir dir;

  softhsm() {
    BOOST_REQUIRE_MESSAGE(std::filesystem::exists(module_path),
                          "the SoftHSM2 module " << module_path.string()
                                                 << " is missing: install it with "
                                                    "`apt-get install softhsm2` (scripts/bootstrap)");
    std::filesystem::create_directory(dir / "tokens");
    write_text(dir / "softhsm2.conf", "directories.tokendir = " + (dir / "tokens").string() +
                                          "\nobjectstore.backend = file\nlog.level = ERROR\n");
    BOOST_REQUIRE(::setenv("SOFTHSM2_CONF", (dir / "softhsm2.conf").c_str(), 1) == 0);
    init_token("arbor-test");
  }

  static void init_token(const std::string& label) {
    const auto result = run("softhsm2-util --init-token --free --label " + label + " --so-pin " + so_pin +
                            " --pin " + user_pin);
    BOOST_REQUIRE_MESSAGE(result.exit_code == 0, "softhsm2-util failed: " << result.output);
  }

  static crypto::pkcs11_config config(const std::string& token_label = "arbor-test") {
    return {module_path, token_label};
  }
};

}  // namespace arbor::km::test
