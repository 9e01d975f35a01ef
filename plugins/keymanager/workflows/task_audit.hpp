#pragma once
// The audit entries a workflow writes for its task: one on success, one on each refusal or
// failure, under the same event name, at the Key Manager's clock.
#include <string>
#include <string_view>

#include "common/km_error.hpp"
#include "instance/key_manager.hpp"
#include "store/audit_log.hpp"

namespace arbor::km::workflows {

// Appends `event` by `actor` with `outcome` and `detail` to kms.db's audit log.
void audit(key_manager& kms, std::string_view actor, std::string_view event, store::audit_outcome outcome,
           std::string_view detail);

// Runs `work` and returns what it returns; a km::error it throws is audited as a failure of
// `event`, detail "<subject>: <message>", and thrown on.
template <class Work>
auto audit_failure_of(key_manager& kms, std::string_view actor, std::string_view event, std::string_view subject,
                      Work&& work) -> decltype(work()) {
  try {
    return work();
  } catch (const error& e) {
    audit(kms, actor, event, store::audit_outcome::failure, std::string(subject) + ": " + e.what());
    throw;
  }
}

}  // namespace arbor::km::workflows
