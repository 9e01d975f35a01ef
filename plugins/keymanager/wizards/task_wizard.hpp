#pragma once
// The shape every Key Manager task and properties tab shares: optional pages that decide what is
// being done, then the Key Management Service Login (as many administrators as the password
// policy asks for this task, asked again every time), then the task's own pages, then run().
// Subclasses describe pages and do the work; they throw km::error, which becomes an SDK error.
#include "common/secret.hpp"
#include "wizards/environment.hpp"
#include "workflows/key_opening.hpp"
#include "workflows/sign_in.hpp"
#include "workflows/site.hpp"

#include <arbor/sdk/wizard.hpp>

#include <optional>
#include <string>
#include <vector>

namespace arbor::km::wizards {

inline constexpr const char* login_page_id = "login";

class task_wizard : public sdk::wizard {
 public:
  task_wizard(environment env, std::string title);

  sdk::wizard_spec spec() const final;
  sdk::result<sdk::page> prepare(std::string_view page_id, const sdk::answers& so_far) final;
  sdk::result<void> validate(std::string_view page_id, const sdk::answers& so_far) final;
  sdk::result<sdk::summary> run(const sdk::answers& all) final;

 protected:
  /// Pages shown before the login, for tabs whose policy depends on the chosen operation.
  virtual std::vector<sdk::page> pages_before_login() const { return {}; }
  /// The task's own pages, after the login.
  virtual std::vector<sdk::page> task_pages() const = 0;
  /// The password-policy task name the login is checked against (may read earlier answers).
  virtual std::string policy_task(const sdk::answers& so_far) const = 0;
  /// False for the few tasks a user runs with a one-time token instead of an administrator's
  /// password (completing an enrollment, redeeming a recovery): the login page is skipped and
  /// the task must authenticate the token itself.
  virtual bool needs_login() const { return true; }
  /// Fills a declared page with what earlier answers make known. Default: as declared.
  virtual sdk::page prepare_page(const sdk::page& declared, const sdk::answers& so_far);
  /// Checks one page's answers; throws km::error(errc::bad_input, ...) naming the field.
  virtual void validate_page(std::string_view page_id, const sdk::answers& so_far);
  /// Does the work after every page was accepted.
  virtual sdk::summary run_task(const sdk::answers& all) = 0;

  /// The Key Manager, opened when the login page is prepared.
  workflows::key_manager& kms();
  /// Who logged in for this task; only valid in validate_page() after the login and in run_task().
  const workflows::authorization& authorization() const;
  /// The names and passwords they logged in with (the host keeps the answers anyway).
  const std::vector<workflows::credential>& credentials() const;
  /// The HSM PIN typed with them; empty where the login asked none (workflows::hsm_pin_needed).
  /// Only the workflow that opens keys logs in to the token with it, once per wizard run: a task
  /// opens its keys through keys() or one workflow call, never both.
  const secret& hsm_pin() const;
  /// The Key Manager's keys, opened with the keyslots of who logged in (and the HSM token): the
  /// first call opens them (Argon2id once per administrator), so tasks that need no key never do.
  const workflows::opened_vault& keys();
  const environment& env() const noexcept { return env_; }

 private:
  std::vector<sdk::page> all_pages() const;
  std::optional<sdk::page> declared(std::string_view page_id) const;
  sdk::page prepare_login(const sdk::answers& so_far);
  void validate_login(const sdk::answers& so_far);

  environment env_;
  std::string title_;
  std::optional<workflows::key_manager> kms_;
  std::optional<workflows::authorization> authorization_;
  std::vector<workflows::credential> credentials_;
  secret hsm_pin_;
  std::optional<workflows::opened_vault> keys_;
};

}  // namespace arbor::km::wizards
