// Properties > Administrators: list, add and remove administrators, change a password. Which
// login the tab asks for depends on the operation, so the operation is chosen first.
#include "common/km_error.hpp"
#include "wizards/factories.hpp"
#include "wizards/task_wizard.hpp"
#include "workflows/administrators.hpp"
#include "workflows/recovery_code.hpp"

#include <optional>

namespace arbor::km::wizards {
namespace {

constexpr const char* op_list = "list";
constexpr const char* op_add = "add";
constexpr const char* op_remove = "remove";
constexpr const char* op_change = "change-password";
constexpr const char* op_recovery = "recovery-code";

class administrators_tab final : public task_wizard {
 public:
  explicit administrators_tab(const environment& env) : task_wizard(env, "Administrators") {}

 private:
  static std::string operation(const sdk::answers& a) {
    auto op = a.text("operation", "action");
    return op.empty() ? op_list : op;
  }

  std::vector<sdk::page> pages_before_login() const override {
    sdk::field action{"action", "Operation", sdk::field_kind::choice, false,
                      {op_list, op_add, op_remove, op_change, op_recovery}, op_list,
                      "Adding or removing administrators, or creating the recovery code, needs as many "
                      "passwords as the strictest task."};
    return {sdk::page{"operation", "Administrators", "What to do.", {}, {action}, false}};
  }

  std::string policy_task(const sdk::answers& so_far) const override {
    const auto op = operation(so_far);
    if (op == op_add || op == op_remove || op == op_recovery) return std::string(workflows::manage_administrators_task);
    if (op == op_change) return std::string(workflows::change_password_task);
    return "administrators";
  }

  std::vector<sdk::page> task_pages() const override {
    sdk::field name{"name", "Administrator", sdk::field_kind::text, false, {}, {},
                    "The administrator to add, remove or change the password of."};
    sdk::field password{"new_password", "New password", sdk::field_kind::secret, false, {}, {},
                        "At least 8 characters, and not 'password'."};
    sdk::field again{"confirm_password", "New password again", sdk::field_kind::secret, false, {}, {}, {}};
    return {sdk::page{"administrator", "Administrator", "Which administrator, and the new password.", {},
                      {name, password, again}, false}};
  }

  sdk::page prepare_page(const sdk::page& declared, const sdk::answers& so_far) override {
    auto page = declared;
    if (page.id != "administrator") return page;
    const auto op = operation(so_far);
    page.skip = op == op_list || op == op_recovery;
    if (op == op_remove) page.fields.resize(1);  // no password to set
    return page;
  }

  std::string target(const sdk::answers& a) const {
    auto name = a.text("administrator", "name");
    if (name.empty() && operation(a) == op_change && authorization().administrators().size() == 1)
      return authorization().administrators().front();
    if (name.empty()) throw error(errc::bad_input, "Type the administrator's name under 'Administrator'.");
    return name;
  }

  static workflows::new_password new_password(const sdk::answers& a) {
    const auto first = a.secret("administrator", "new_password");
    const auto second = a.secret("administrator", "confirm_password");
    if (first.empty()) throw error(errc::bad_input, "Type the new password under 'New password'.");
    if (first.view() != second.view())
      throw error(errc::bad_input, "The two new passwords differ: type the same password twice.");
    return workflows::new_password(secret(first.view()));
  }

  /// The change the answers ask for; nothing for listing.
  std::optional<workflows::administrator_change> change(const sdk::answers& a) const {
    const auto op = operation(a);
    if (op == op_add) return workflows::administrator_change::add(target(a), new_password(a));
    if (op == op_remove) return workflows::administrator_change::remove(target(a));
    if (op == op_change) return workflows::administrator_change::change_password(target(a), new_password(a));
    return std::nullopt;
  }

  void validate_page(std::string_view page_id, const sdk::answers& so_far) override {
    if (page_id != "administrator") return;
    const auto name = target(so_far);
    if (operation(so_far) == op_change) workflows::check_may_change_password(authorization(), name);
    change(so_far);
  }

  static std::string done(const workflows::administrator_change& change) {
    using op = workflows::administrator_change::operation;
    switch (change.what()) {
      case op::add: return "Added " + change.name();
      case op::remove: return "Removed " + change.name();
      case op::change_password: return "Changed the password of " + change.name();
    }
    return "No change";
  }

  // The code is shown here and nowhere else, ever.
  sdk::summary recovery_code_created() {
    const auto code = workflows::create_recovery_code(kms(), env().site, authorization(), credentials(), hsm_pin());
    return sdk::summary{
        "Administrators",
        {{"recovery-code", "Recovery code", std::string(code.view()), {}},
         {"warning", "Warning",
          "Shown this once: write it down and lock it away. It is the password of the administrator 'recovery' "
          "and counts as one administrator: with it, fewer people can open every key. If all administrators "
          "the policy needs lose their passwords, it is the only way left. Remove the administrator "
          "'recovery' to destroy it.",
          {}}},
        {}};
  }

  sdk::summary run_task(const sdk::answers& all) override {
    if (operation(all) == op_recovery) return recovery_code_created();
    const auto asked = change(all);
    if (asked) workflows::change_administrators(kms(), env().site, authorization(), credentials(), hsm_pin(), *asked);
    sdk::summary s{"Administrators", {{"result", "Result", asked ? done(*asked) : "No change", {}}}, {}};
    const auto admins = workflows::list_administrators(kms(), env().site);
    sdk::table t{"Administrators", {{"name", "Administrator"}}, {}, 0};
    for (const auto& name : admins.names) t.rows.push_back({name});
    t.total_rows = t.rows.size();
    s.results = std::move(t);
    if (admins.default_password_in_use)
      s.items.push_back({"warning", "Warning", "The initial password is still in use: change it.", {}});
    return s;
  }
};

}  // namespace

wizard_ptr make_administrators_tab(const environment& env) { return std::make_unique<administrators_tab>(env); }

}  // namespace arbor::km::wizards
