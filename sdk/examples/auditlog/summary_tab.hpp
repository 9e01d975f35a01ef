#pragma once
// The "Audit Log" properties tab on the Key Manager's node: after the sign-in, how many records
// each event has, and the newest records.
#include "signed_in_wizard.hpp"

namespace auditlog {

class summary_tab final : public signed_in_wizard {
 public:
  explicit summary_tab(arbor::sdk::audit_trail& trail) : signed_in_wizard(trail, "Audit Log") {}

 private:
  arbor::sdk::result<arbor::sdk::summary> run_task(arbor::sdk::audit_trail& trail,
                                                   const std::vector<arbor::sdk::credential>& who,
                                                   const arbor::sdk::answers& all) override;
};

}  // namespace auditlog
