#include "wizards/preselected_wizard.hpp"

#include <algorithm>
#include <memory>

#include "wizards/word_list.hpp"

namespace arbor::km::wizards {
namespace {

class preselected_wizard final : public sdk::wizard {
 public:
  preselected_wizard(wizard_ptr inner, const users_field& where, std::vector<std::string> users)
      : inner_(std::move(inner)), where_(where), users_(std::move(users)) {}

  sdk::wizard_spec spec() const override { return inner_->spec(); }

  sdk::result<sdk::page> prepare(std::string_view page_id, const sdk::answers& so_far) override {
    auto page = inner_->prepare(page_id, so_far);
    if (page && page_id == where_.page_id) preset(page.value());
    return page;
  }

  sdk::result<void> validate(std::string_view page_id, const sdk::answers& so_far) override {
    return inner_->validate(page_id, so_far);
  }

  sdk::result<sdk::summary> run(const sdk::answers& all) override { return inner_->run(all); }

 private:
  void preset(sdk::page& page) const {
    const auto field = std::find_if(page.fields.begin(), page.fields.end(),
                                    [&](const sdk::field& f) { return f.id == where_.field_id; });
    if (field == page.fields.end()) return;
    // The field's options are what the task offers now: a selected user outside them is no default.
    std::vector<std::string> offered;
    std::vector<std::string> left_out;
    for (const std::string& user : users_) {
      const bool listed = std::find(field->options.begin(), field->options.end(), user) != field->options.end();
      (listed ? offered : left_out).push_back(user);
    }
    if (where_.one_user && offered.size() > 1) {
      page.info.push_back("This task takes one user: " + offered.front() + " of those selected is chosen.");
      offered.resize(1);
    }
    if (!left_out.empty()) page.info.push_back("Selected but not offered here, so not chosen: " + join(left_out) + ".");
    if (offered.empty()) return;
    field->default_value = join(offered, ",");  // a multi-select default: options separated by commas
    page.info.push_back("Chosen from the details pane: " + join(offered) + ".");
    if (where_.scope_field == nullptr) return;
    for (sdk::field& f : page.fields)
      if (f.id == where_.scope_field) f.default_value = where_.scope_value;
  }

  wizard_ptr inner_;
  users_field where_;
  std::vector<std::string> users_;
};

}  // namespace

const users_action* find_users_action(std::string_view action_id) {
  for (const users_action& action : users_actions)
    if (action_id == action.action_id) return &action;
  return nullptr;
}

wizard_ptr preselect(wizard_ptr inner, const users_field& where, std::vector<std::string> users) {
  return std::make_unique<preselected_wizard>(std::move(inner), where, std::move(users));
}

}  // namespace arbor::km::wizards
