#define BOOST_TEST_MODULE wizard_catalog_test
// The catalog against the wizards it makes: a task marked as run with a token never asks for the
// administrators' login, every other one does, and only those get a password policy.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>

#include "common/clock.hpp"
#include "scratch_dir.hpp"
#include "wizards/factories.hpp"

using namespace arbor;
using namespace arbor::km;

namespace {

std::vector<std::string> policy_choices(const wizards::environment& env) {
  auto tab = wizards::make_passwords_tab(env);
  for (const auto& page : tab->spec().pages) {
    for (const auto& field : page.fields)
      if (page.id == "policy" && field.id == "task") return field.options;
  }
  BOOST_FAIL("the Passwords tab has no policy task field");
  return {};
}

}  // namespace

BOOST_AUTO_TEST_CASE(token_tasks_skip_the_login_and_the_password_policy) {
  const km::testing::scratch_dir dir;
  const arbor::km::system_clock clock;
  const wizards::environment env{{dir / "kms", {}, {1, 8 * 1024, 1}, &clock}, nullptr, nullptr};
  const auto policies = policy_choices(env);
  for (const auto& entry : wizards::catalog()) {
    BOOST_TEST_CONTEXT(entry.action_id) {
      const auto pages = entry.make(env)->spec().pages;
      const bool administrators = entry.login == wizards::login_kind::administrators;
      const bool asks_login = std::any_of(pages.begin(), pages.end(), [](const sdk::page& p) { return p.id == "login"; });
      BOOST_TEST(asks_login == administrators);
      BOOST_TEST((std::find(policies.begin(), policies.end(), entry.action_id) != policies.end()) == administrators);
    }
  }
}
