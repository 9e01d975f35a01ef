#define BOOST_TEST_MODULE preselected_wizard_test
// Tasks opened with users selected in the details pane: the users become the defaults of the
// field that names users, only where that field offers them; validation and the run are the
// task's own.
#include <boost/test/unit_test.hpp>

#include "wizards/factories.hpp"
#include "wizards/preselected_wizard.hpp"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

using namespace arbor;
using namespace arbor::km;

namespace {

/// A task with a users page like Export Users' (a scope choice and a multi-select of aliases)
/// whose validation refuses an empty pick.
class users_task final : public sdk::wizard {
 public:
  sdk::wizard_spec spec() const override {
    sdk::field scope{"scope", "Users", sdk::field_kind::choice, true, {"all", "picked"}, "all", {}};
    sdk::field picked{"picked", "Picked users", sdk::field_kind::multi_select, false, {"alice", "bob", "carol"}, {}, {}};
    return {"Task", {sdk::page{"users", "Users", {}, {}, {scope, picked}, false}}};
  }
  sdk::result<sdk::page> prepare(std::string_view, const sdk::answers&) override { return spec().pages.front(); }
  sdk::result<void> validate(std::string_view, const sdk::answers& so_far) override {
    if (so_far.items("users", "picked").empty()) return sdk::fail(sdk::reason::invalid_input, "Pick a user.");
    return {};
  }
  sdk::result<sdk::summary> run(const sdk::answers&) override { return sdk::summary{"Ran", {}, std::nullopt}; }
};

sdk::page prepared(wizards::wizard_ptr& wizard) {
  auto page = wizard->prepare("users", {});
  BOOST_TEST_REQUIRE(page.ok());
  return page.value();
}

const sdk::field& field(const sdk::page& page, const std::string& id) {
  return *std::find_if(page.fields.begin(), page.fields.end(), [&](const sdk::field& f) { return f.id == id; });
}

bool says(const sdk::page& page, const std::string& line) {
  return std::find(page.info.begin(), page.info.end(), line) != page.info.end();
}

const wizards::users_field picked_users{"users", "picked", false, "scope", "picked"};
const wizards::users_field one_user{"users", "scope", true};

}  // namespace

BOOST_AUTO_TEST_CASE(selected_users_become_the_picked_default_with_the_scope_set_to_picked) {
  auto wizard = wizards::preselect(std::make_unique<users_task>(), picked_users, {"carol", "alice"});
  const sdk::page page = prepared(wizard);
  BOOST_TEST(field(page, "picked").default_value == "carol,alice");
  BOOST_TEST(field(page, "scope").default_value == "picked");
  BOOST_TEST(says(page, "Chosen from the details pane: carol, alice."));
}

BOOST_AUTO_TEST_CASE(a_selected_user_the_field_does_not_offer_is_named_and_not_chosen) {
  auto wizard = wizards::preselect(std::make_unique<users_task>(), picked_users, {"mallory", "bob"});
  const sdk::page page = prepared(wizard);
  BOOST_TEST(field(page, "picked").default_value == "bob");
  BOOST_TEST(says(page, "Selected but not offered here, so not chosen: mallory."));

  auto none_offered = wizards::preselect(std::make_unique<users_task>(), picked_users, {"mallory"});
  const sdk::page refused = prepared(none_offered);
  BOOST_TEST(field(refused, "picked").default_value.empty());
  BOOST_TEST(field(refused, "scope").default_value == "all");  // the task's own default stays
}

BOOST_AUTO_TEST_CASE(a_task_of_one_user_takes_the_first_it_offers_and_says_so) {
  wizards::users_field scope_as_user = one_user;
  auto wizard = wizards::preselect(std::make_unique<users_task>(), scope_as_user, {"nobody", "picked", "all"});
  const sdk::page page = prepared(wizard);
  BOOST_TEST(field(page, "scope").default_value == "picked");
  BOOST_TEST(says(page, "This task takes one user: picked of those selected is chosen."));
}

BOOST_AUTO_TEST_CASE(validation_is_the_tasks_own_whatever_was_preselected) {
  auto wizard = wizards::preselect(std::make_unique<users_task>(), picked_users, {"alice"});
  BOOST_TEST(!wizard->validate("users", {}).ok());  // the operator unticked alice: refused as typed
  BOOST_TEST(wizard->run({}).ok());
}

BOOST_AUTO_TEST_CASE(only_the_tasks_that_name_users_take_a_selection) {
  BOOST_TEST(wizards::find_users_action("export-users") != nullptr);
  BOOST_TEST(wizards::find_users_action("recover-keys")->field.one_user);
  BOOST_TEST(wizards::find_users_action("import-users") == nullptr);
  const auto in_catalog = [](std::string_view id) {
    return std::any_of(wizards::catalog().begin(), wizards::catalog().end(),
                       [&](const wizards::catalog_entry& e) { return id == e.action_id; });
  };
  for (const wizards::users_action& action : wizards::users_actions)
    BOOST_TEST(in_catalog(action.action_id), action.action_id << " is no task of the catalog");
}
