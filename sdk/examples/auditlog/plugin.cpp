// Audit Log Export: an extension snap-in. It has no nodes of its own; its manifest adds a task
// and a properties tab to the Key Manager's node, and everything it knows of the Key Manager
// comes through the SDK's audit_trail service, which the Key Manager publishes.
#include "export_wizard.hpp"
#include "summary_tab.hpp"

#include <arbor/sdk/sdk.hpp>

#include <memory>

namespace {

using namespace arbor::sdk;

constexpr const char* key_manager_id = "org.arbor.keymanager";

class audit_log_plugin final : public plugin {
 public:
  // The console loads the Key Manager first (it is named under "extends"), so its services are there.
  result<void> attach(host_services& services) override {
    progress_ = services.get<progress>();  // null on a console without it: the export then shows nothing
    auto* exchange = services.get<plugin_services>();
    trail_ = exchange ? exchange->get<audit_trail>(key_manager_id) : nullptr;
    if (trail_ == nullptr)
      return fail(reason::unavailable, "The Key Manager offers no audit trail: install Key Manager 0.1.0 or newer.");
    return {};
  }

  result<details_view> details(const node_ref&, row_window) override {
    return fail(reason::not_found, "Audit Log Export has no nodes of its own.");
  }

  result<std::unique_ptr<wizard>> open(const node_ref&, std::string_view action) override {
    if (action == "export-audit-log")
      return std::unique_ptr<wizard>(std::make_unique<auditlog::export_wizard>(*trail_, progress_));
    if (action == "audit-log") return std::unique_ptr<wizard>(std::make_unique<auditlog::summary_tab>(*trail_));
    return fail(reason::not_found, "Audit Log Export has no action '" + std::string(action) + "'.");
  }

 private:
  audit_trail* trail_{nullptr};
  progress* progress_{nullptr};
};

constexpr const char* actions[] = {"export-audit-log", "audit-log"};
const plugin_entry entry = make_entry<audit_log_plugin>("org.example.auditlog", "1.0.0", actions);

}  // namespace

ARBOR_PLUGIN_ENTRY(entry)
