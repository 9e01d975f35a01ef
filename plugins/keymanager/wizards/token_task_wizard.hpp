#pragma once
// The tasks a user runs with a one-time token instead of an administrator's password (Complete
// Enrollment, Redeem Recovery Token): one page with the alias, the token, a password for the
// PKCS#12 file (twice) and where to save it; the token is checked on the page and used when the
// task runs; the file is created new, mode 0600, atomically.
#include "common/secret.hpp"
#include "wizards/task_wizard.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace arbor::km::wizards {

/// What a token task produced: the PKCS#12 file's bytes, summary lines and the audit entry.
struct token_task_result {
  std::vector<std::uint8_t> pkcs12;
  std::vector<sdk::summary_item> items;
  std::string audit_event;
  std::string audit_detail;
};

class token_task_wizard : public task_wizard {
 protected:
  token_task_wizard(const environment& env, std::string title, std::string action_id, std::string page_description);

  /// Checks the token for `alias` without using it; throws km::error for a refused one.
  virtual void check_token(const std::string& alias, const secret& token) = 0;
  /// Uses the token and makes the PKCS#12 file's content under `password`.
  virtual token_task_result redeem(const std::string& alias, const secret& token, const secret& password) = 0;

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
