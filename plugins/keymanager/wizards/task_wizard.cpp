#include "wizards/task_wizard.hpp"

#include "wizards/login_page.hpp"
#include "wizards/sdk_error.hpp"

#include <algorithm>
#include <utility>

namespace arbor::km::wizards {

task_wizard::task_wizard(environment env, std::string title)
    : env_(std::move(env)), title_(std::move(title)) {}

std::vector<sdk::page> task_wizard::all_pages() const {
  auto pages = pages_before_login();
  if (needs_login())
    pages.push_back(declared_login_page(login_page_id, workflows::hsm_pin_needed(env_.site, policy_task({}))));
  for (auto& p : task_pages()) pages.push_back(std::move(p));
  return pages;
}

sdk::wizard_spec task_wizard::spec() const { return {title_, all_pages()}; }

std::optional<sdk::page> task_wizard::declared(std::string_view page_id) const {
  auto pages = all_pages();
  auto it = std::find_if(pages.begin(), pages.end(), [&](const sdk::page& p) { return p.id == page_id; });
  if (it == pages.end()) return std::nullopt;
  return std::move(*it);
}

workflows::key_manager& task_wizard::kms() {
  if (!kms_) kms_.emplace(workflows::open(env_.site));
  return *kms_;
}

const workflows::authorization& task_wizard::authorization() const {
  if (!authorization_) throw error(errc::internal, "A Key Manager task ran without a login.");
  return *authorization_;
}

sdk::page task_wizard::prepare_login(const sdk::answers& so_far) {
  const auto task = policy_task(so_far);
  const auto demand = workflows::login_needed(kms(), env_.site, task);
  return login_page_for(login_page_id, demand.administrators, demand.default_password_in_use,
                        workflows::hsm_pin_needed(env_.site, task));
}

void task_wizard::validate_login(const sdk::answers& so_far) {
  authorization_.reset();
  keys_.reset();
  credentials_.clear();
  hsm_pin_.clear();
  const auto task = policy_task(so_far);
  const auto page = login_page_for(login_page_id, workflows::administrators_needed(kms(), env_.site, task), false,
                                   workflows::hsm_pin_needed(env_.site, task));
  auto given = credentials_from(page, so_far);
  authorization_.emplace(workflows::sign_in(kms(), env_.site, {task, given}));
  credentials_ = std::move(given);
  hsm_pin_ = hsm_pin_from(page, so_far);
}

const std::vector<workflows::credential>& task_wizard::credentials() const {
  authorization();  // refuses without a login
  return credentials_;
}

const secret& task_wizard::hsm_pin() const {
  authorization();  // refuses without a login
  return hsm_pin_;
}

const workflows::opened_vault& task_wizard::keys() {
  if (!keys_) keys_.emplace(workflows::open_keys(kms(), env_.site, authorization(), credentials(), hsm_pin()));
  return *keys_;
}

sdk::result<sdk::page> task_wizard::prepare(std::string_view page_id, const sdk::answers& so_far) {
  return guarded("preparing a page", [&]() -> sdk::result<sdk::page> {
    if (page_id == login_page_id) return prepare_login(so_far);
    auto page = declared(page_id);
    if (!page) return sdk::fail(sdk::reason::not_found, "This task has no page '" + std::string(page_id) + "'.");
    return prepare_page(*page, so_far);
  });
}

sdk::result<void> task_wizard::validate(std::string_view page_id, const sdk::answers& so_far) {
  return guarded("checking a page", [&]() -> sdk::result<void> {
    if (page_id == login_page_id)
      validate_login(so_far);
    else
      validate_page(page_id, so_far);
    return {};
  });
}

sdk::result<sdk::summary> task_wizard::run(const sdk::answers& all) {
  return guarded("running the task", [&]() -> sdk::result<sdk::summary> {
    if (needs_login()) authorization();  // refuses to run without a login
    return run_task(all);
  });
}

sdk::page task_wizard::prepare_page(const sdk::page& declared_page, const sdk::answers&) { return declared_page; }

void task_wizard::validate_page(std::string_view, const sdk::answers&) {}


}  // namespace arbor::km::wizards
