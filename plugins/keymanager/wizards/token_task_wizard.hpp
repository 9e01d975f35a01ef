#pragma once
// The tasks a user runs with a one-time token instead of an administrator's password (Complete
// Enrollment, Redeem Recovery Token): one page with the alias, the token, a password for the
// PKCS#12 file (twice) and where to save it; the token is checked on the page and used when the
// task's workflow runs, which saves the file.
#include "workflows/progress.hpp"
#include "workflows/token_redemption.hpp"
#include "wizards/task_wizard.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace arbor::km::wizards {

/// What a token task produced: the file it saved and its summary lines.
struct token_task_result {
  std::filesystem::path file;
  std::vector<sdk::summary_item> items;
};

class token_task_wizard : public task_wizard {
 protected:
  token_task_wizard(const environment& env, std::string title, std::string action_id, std::string page_description);

  /// Checks the token without using it; throws km::error for a refused one.
  virtual void check_token(const workflows::presented_token& token) = 0;
  /// Runs the task's workflow.
  virtual token_task_result redeem(const workflows::token_redemption& request, workflows::progress& progress) = 0;

 private:
  bool needs_login() const final { return false; }
  std::string policy_task(const sdk::answers&) const final { return action_id_; }
  std::vector<sdk::page> task_pages() const final;
  void validate_page(std::string_view page_id, const sdk::answers& so_far) final;
  sdk::summary run_task(const sdk::answers& all) final;

  std::string title_;
  std::string action_id_;
  std::string page_description_;
};

}  // namespace arbor::km::wizards
