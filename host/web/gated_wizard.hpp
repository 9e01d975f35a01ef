#pragma once
// A web task's wizard: spec, prepare and validate go through the plugin gate like every other
// plugin call of the web console; run() does not, so a long task (an export) never holds up the
// tree, the details or another task's pages. Before run() starts, the task is told.
#include "host/web/plugin_gate.hpp"

#include <arbor/sdk/wizard.hpp>

#include <functional>

namespace arbor::host::web {

class gated_wizard final : public sdk::wizard {
 public:
  /// `inner` (a guarded wizard) and `gate` outlive this; `starting` is called before run().
  gated_wizard(sdk::wizard& inner, plugin_gate& gate, std::function<void()> starting);

  sdk::wizard_spec spec() const override;
  sdk::result<sdk::page> prepare(std::string_view page_id, const sdk::answers& so_far) override;
  sdk::result<void> validate(std::string_view page_id, const sdk::answers& so_far) override;
  sdk::result<sdk::summary> run(const sdk::answers& all) override;

 private:
  sdk::wizard& inner_;
  plugin_gate& gate_;
  std::function<void()> starting_;
};

}  // namespace arbor::host::web
