#pragma once
// Export Audit Log as CSV: after the sign-in, the administrators name a new file, and the Key
// Manager's audit trail is written to it.
#include "signed_in_wizard.hpp"

namespace auditlog {

class export_wizard final : public signed_in_wizard {
 public:
  /// `shown` is the console's progress service (null on a console without one).
  export_wizard(arbor::sdk::audit_trail& trail, arbor::sdk::progress* shown)
      : signed_in_wizard(trail, "Export Audit Log as CSV"), progress_(shown) {}

 private:
  std::vector<arbor::sdk::page> task_pages() const override;
  arbor::sdk::result<void> validate_page(std::string_view page_id, const arbor::sdk::answers& so_far) override;
  arbor::sdk::result<arbor::sdk::summary> run_task(arbor::sdk::audit_trail& trail,
                                                   const std::vector<arbor::sdk::credential>& who,
                                                   const arbor::sdk::answers& all) override;

  arbor::sdk::progress* progress_;
};

}  // namespace auditlog
