#pragma once
// A plugin's wizard as the console sees it: every call guarded, and the plugin (with its
// library) kept alive for as long as the wizard is.
#include "host/plugins/guard.hpp"
#include "host/plugins/loaded_plugin.hpp"
#include "host/plugins/service_table.hpp"

#include <arbor/sdk/wizard.hpp>

#include <memory>
#include <string>

namespace arbor::host {

/// Wraps a wizard a plugin opened. spec() cannot report an error, so it is read once, guarded,
/// when the wizard is wrapped; the plugin promises it is stable for the wizard's life.
class guarded_wizard final : public sdk::wizard {
 public:
  /// Reads the spec of `inner`; an exception there fails the wrap, as if open() had thrown.
  static sdk::result<std::unique_ptr<sdk::wizard>> wrap(std::unique_ptr<sdk::wizard> inner,
                                                        std::shared_ptr<loaded_plugin> owner, std::string plugin_id,
                                                        const service_table& services);

  sdk::wizard_spec spec() const override { return spec_; }
  sdk::result<sdk::page> prepare(std::string_view page_id, const sdk::answers& so_far) override;
  sdk::result<void> validate(std::string_view page_id, const sdk::answers& so_far) override;
  sdk::result<sdk::summary> run(const sdk::answers& all) override;

 private:
  guarded_wizard(std::unique_ptr<sdk::wizard> inner, std::shared_ptr<loaded_plugin> owner, std::string plugin_id,
                 const service_table& services, sdk::wizard_spec spec);
  guard_context context() const noexcept { return {plugin_id_, services_}; }

  std::shared_ptr<loaded_plugin> owner_;  // declared before inner_, so destroyed after it
  std::unique_ptr<sdk::wizard> inner_;
  std::string plugin_id_;
  const service_table& services_;
  sdk::wizard_spec spec_;
};

}  // namespace arbor::host
