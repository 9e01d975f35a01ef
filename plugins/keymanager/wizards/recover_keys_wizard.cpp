// Recover Keys: an administrator issues a one-time recovery token for a user, shown here once;
// with it the user runs Redeem Recovery Token and gets every key of their history back.
#include "common/utc_time.hpp"
#include "workflows/recover_keys.hpp"
#include "wizards/factories.hpp"
#include "wizards/task_wizard.hpp"

namespace arbor::km::wizards {
namespace {

class recover_keys_wizard final : public task_wizard {
 public:
  explicit recover_keys_wizard(const environment& env) : task_wizard(env, "Recover Keys") {}

 private:
  std::string policy_task(const sdk::answers&) const override { return "recover-keys"; }

  std::vector<sdk::page> task_pages() const override {
    sdk::field user{"user", "User", sdk::field_kind::choice, true, {}, {}, "Users with keys in escrow."};
    return {sdk::page{"user", "Recover Keys", "Whose keys to recover.", {}, {user}, false}};
  }

  // Only users with a key history can be chosen: the others have nothing to recover.
  sdk::page prepare_page(const sdk::page& declared, const sdk::answers&) override {
    auto page = declared;
    page.fields.front().options = workflows::users_with_keys(kms());
    if (page.fields.front().options.empty()) page.info = {"No user has keys in escrow yet."};
    return page;
  }

  sdk::summary run_task(const sdk::answers& all) override {
    const workflows::invitation token =
        workflows::recover_keys(kms(), keys(), {all.text("user", "user"), authorization().actor()});
    return sdk::summary{"Recovery token issued",
                        {{"user", "User", token.alias, {}},
                         {"token", "Recovery token (shown once)", std::string(token.token.view()), {}},
                         {"expires", "Expires", utc_text(token.expires_at), {}},
                         {"next", "Next step",
                          "Give the token to the user; they run Redeem Recovery Token to get all their keys.", {}}},
                        {}};
  }
};

}  // namespace

wizard_ptr make_recover_keys_wizard(const environment& env) { return std::make_unique<recover_keys_wizard>(env); }

}  // namespace arbor::km::wizards
