#include "host/plugins/guarded_wizard.hpp"

namespace arbor::host {

guarded_wizard::guarded_wizard(std::unique_ptr<sdk::wizard> inner, std::shared_ptr<loaded_plugin> owner,
                               std::string plugin_id, const service_table& services, sdk::wizard_spec spec)
    : owner_(std::move(owner)),
      inner_(std::move(inner)),
      plugin_id_(std::move(plugin_id)),
      services_(services),
      spec_(std::move(spec)) {}

sdk::result<std::unique_ptr<sdk::wizard>> guarded_wizard::wrap(std::unique_ptr<sdk::wizard> inner,
                                                               std::shared_ptr<loaded_plugin> owner,
                                                               std::string plugin_id, const service_table& services) {
  auto spec = guarded<sdk::wizard_spec>({plugin_id, services}, "wizard.spec",
                                        [&]() -> sdk::result<sdk::wizard_spec> { return inner->spec(); });
  if (!spec) return spec.error();
  return std::unique_ptr<sdk::wizard>(new guarded_wizard(std::move(inner), std::move(owner), std::move(plugin_id),
                                                         services, std::move(spec).value()));
}

sdk::result<sdk::page> guarded_wizard::prepare(std::string_view page_id, const sdk::answers& so_far) {
  return guarded<sdk::page>(context(), "wizard.prepare", [&] { return inner_->prepare(page_id, so_far); });
}

sdk::result<void> guarded_wizard::validate(std::string_view page_id, const sdk::answers& so_far) {
  return guarded<void>(context(), "wizard.validate", [&] { return inner_->validate(page_id, so_far); });
}

sdk::result<sdk::summary> guarded_wizard::run(const sdk::answers& all) {
  return guarded<sdk::summary>(context(), "wizard.run", [&] { return inner_->run(all); });
}

}  // namespace arbor::host
