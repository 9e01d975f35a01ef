// Properties > Enrollment: how long enrollment and recovery tokens last, which key pair users
// get, and the message handed to users with their token.
#include "workflows/enrollment_settings.hpp"
#include "wizards/factories.hpp"
#include "wizards/settings_numbers.hpp"
#include "wizards/task_wizard.hpp"

namespace arbor::km::wizards {
namespace {

class enrollment_tab final : public task_wizard {
 public:
  explicit enrollment_tab(const environment& env) : task_wizard(env, "Enrollment") {}

 private:
  static bool setting(const sdk::answers& a) { return a.text("operation", "action") == "set"; }

  std::vector<sdk::page> pages_before_login() const override {
    sdk::field action{"action", "Operation", sdk::field_kind::choice, false, {"view", "set"}, "view", {}};
    return {sdk::page{"operation", "Enrollment", "View or change how users are enrolled.", {}, {action}, false}};
  }

  std::string policy_task(const sdk::answers&) const override { return "enrollment"; }

  std::vector<sdk::page> task_pages() const override {
    using sdk::field_kind;
    std::vector<std::string> key_types(workflows::user_key_types.begin(), workflows::user_key_types.end());
    return {sdk::page{"enrollment", "Enrollment", "Tokens, keys and the message to users.", {},
                      {{"token_lifetime_s", "Token lifetime (seconds)", field_kind::text, false, {}, {},
                        "60 to 7776000 (90 days); 604800 is 7 days"},
                       {"key_type", "Users' key type", field_kind::choice, false, key_types, {}, {}},
                       {"message", "Message to users", field_kind::text, false, {}, {},
                        "Shown with each enrollment token"}},
                      false}};
  }

  // The fields start with the stored values, so only what changes needs typing.
  sdk::page prepare_page(const sdk::page& declared, const sdk::answers& so_far) override {
    auto page = declared;
    if (page.id != "enrollment") return page;
    page.skip = !setting(so_far);
    const auto stored = workflows::read_enrollment_settings(kms().db());
    page.fields[0].default_value = std::to_string(stored.token_lifetime_s);
    page.fields[1].default_value = stored.key_type;
    page.fields[2].default_value = stored.user_message;
    return page;
  }

  static workflows::checked_enrollment_settings typed(const sdk::answers& a) {
    return workflows::enrollment_settings{whole_number(a.text("enrollment", "token_lifetime_s"), "Token lifetime (seconds)"),
                                          a.text("enrollment", "key_type"), a.text("enrollment", "message")};
  }

  void validate_page(std::string_view page_id, const sdk::answers& so_far) override {
    if (page_id == "enrollment") typed(so_far);
  }

  sdk::summary run_task(const sdk::answers& all) override {
    if (setting(all)) workflows::change_enrollment_settings(kms(), authorization(), typed(all));
    const auto s = workflows::read_enrollment_settings(kms().db());
    return sdk::summary{"Enrollment",
                        {{"token_lifetime_s", "Token lifetime (seconds)", std::to_string(s.token_lifetime_s), {}},
                         {"key_type", "Users' key type", s.key_type, {}},
                         {"message", "Message to users", s.user_message, {}}},
                        {}};
  }
};

}  // namespace

wizard_ptr make_enrollment_tab(const environment& env) { return std::make_unique<enrollment_tab>(env); }

}  // namespace arbor::km::wizards
