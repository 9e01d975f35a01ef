#pragma once
// What both of this plugin's wizards share: a first page on which the Key Manager's administrators
// sign in (as many name and password pairs as the audit trail asks for), then the wizard's own
// pages, then the work, given the credentials typed. The trail checks them; this plugin never does.
#include <arbor/sdk/sdk.hpp>

#include <string>
#include <vector>

namespace auditlog {

class signed_in_wizard : public arbor::sdk::wizard {
 public:
  signed_in_wizard(arbor::sdk::audit_trail& trail, std::string title) : trail_(trail), title_(std::move(title)) {}

  arbor::sdk::wizard_spec spec() const final;
  arbor::sdk::result<arbor::sdk::page> prepare(std::string_view page_id, const arbor::sdk::answers& so_far) final;
  arbor::sdk::result<void> validate(std::string_view page_id, const arbor::sdk::answers& so_far) final;
  arbor::sdk::result<arbor::sdk::summary> run(const arbor::sdk::answers& all) final;

 protected:
  /// The pages after the sign-in page, as declared.
  virtual std::vector<arbor::sdk::page> task_pages() const { return {}; }
  /// Checks the answers of one of task_pages().
  virtual arbor::sdk::result<void> validate_page(std::string_view, const arbor::sdk::answers&) { return {}; }
  /// Does the work with the trail, as the administrators `who` who signed in.
  virtual arbor::sdk::result<arbor::sdk::summary> run_task(arbor::sdk::audit_trail& trail,
                                                           const std::vector<arbor::sdk::credential>& who,
                                                           const arbor::sdk::answers& all) = 0;

 private:
  arbor::sdk::audit_trail& trail_;
  std::string title_;
  arbor::sdk::page sign_in_;  ///< as prepared, so run() knows how many administrators signed in
};

}  // namespace auditlog
