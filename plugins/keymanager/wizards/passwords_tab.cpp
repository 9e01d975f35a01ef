// Properties > Passwords: the multiple-password policy, per task how many different
// administrators must enter their passwords. Changing it needs the most the policy asks for.
#include "common/km_error.hpp"
#include "wizards/factories.hpp"
#include "wizards/task_wizard.hpp"
#include "workflows/password_policy.hpp"

#include <charconv>

namespace arbor::km::wizards {
namespace {

std::vector<std::string> policy_task_names() {
  std::vector<std::string> names;
  for (const auto& entry : catalog())
    if (entry.login == login_kind::administrators) names.emplace_back(entry.action_id);
  names.emplace_back(workflows::manage_administrators_task);
  names.emplace_back(workflows::manage_policy_task);
  names.emplace_back(workflows::change_password_task);
  return names;
}

class passwords_tab final : public task_wizard {
 public:
  explicit passwords_tab(const environment& env) : task_wizard(env, "Passwords") {}

 private:
  static bool setting(const sdk::answers& a) { return a.text("operation", "action") == "set"; }

  std::vector<sdk::page> pages_before_login() const override {
    sdk::field action{"action", "Operation", sdk::field_kind::choice, false, {"view", "set"}, "view",
                      "Setting a requirement needs as many passwords as the strictest task."};
    return {sdk::page{"operation", "Passwords", "View or change the multiple-password policy.", {}, {action}, false}};
  }

  std::string policy_task(const sdk::answers& so_far) const override {
    return setting(so_far) ? std::string(workflows::manage_policy_task) : "passwords";
  }

  std::vector<sdk::page> task_pages() const override {
    sdk::field task{"task", "Task", sdk::field_kind::choice, true, policy_task_names(), {}, {}};
    sdk::field required{"required", "Administrators required", sdk::field_kind::text, true, {}, "1",
                        "A whole number from 1 to the number of administrators."};
    return {sdk::page{"policy", "Password Policy", "How many administrators a task needs.", {}, {task, required}, false}};
  }

  sdk::page prepare_page(const sdk::page& declared, const sdk::answers& so_far) override {
    auto page = declared;
    if (page.id == "policy") page.skip = !setting(so_far);
    return page;
  }

  static workflows::policy_change change(const sdk::answers& a) {
    const auto text = a.text("policy", "required");
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size())
      throw error(errc::bad_input, "'" + text + "' is not a number of administrators (under 'Administrators required'): type 1 or more.");
    return {a.text("policy", "task"), value};
  }

  void validate_page(std::string_view page_id, const sdk::answers& so_far) override {
    if (page_id == "policy") change(so_far);
  }

  sdk::summary run_task(const sdk::answers& all) override {
    sdk::summary s{"Passwords", {}, {}};
    if (setting(all)) {
      const auto asked = change(all);
      workflows::change_password_policy(kms(), env().site, authorization(), credentials(), hsm_pin(), asked);
      s.items.push_back({"result", "Result", asked.task() + " now needs " + std::to_string(asked.required()) + " administrators", {}});
    }
    sdk::table t{"Password policy", {{"task", "Task"}, {"required", "Administrators required"}}, {}, 0};
    for (const auto& task : policy_task_names())
      t.rows.push_back({task, std::to_string(workflows::administrators_needed(kms(), env().site, task))});
    t.total_rows = t.rows.size();
    s.results = std::move(t);
    return s;
  }
};

}  // namespace

wizard_ptr make_passwords_tab(const environment& env) { return std::make_unique<passwords_tab>(env); }

}  // namespace arbor::km::wizards
