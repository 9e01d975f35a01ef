#include "host/web/gated_wizard.hpp"

#include <utility>

namespace arbor::host::web {

gated_wizard::gated_wizard(sdk::wizard& inner, plugin_gate& gate, std::function<void()> starting)
    : inner_(inner), gate_(gate), starting_(std::move(starting)) {}

sdk::wizard_spec gated_wizard::spec() const {
  const auto held = gate_.enter();
  return inner_.spec();
}

sdk::result<sdk::page> gated_wizard::prepare(std::string_view page_id, const sdk::answers& so_far) {
  const auto held = gate_.enter();
  return inner_.prepare(page_id, so_far);
}

sdk::result<void> gated_wizard::validate(std::string_view page_id, const sdk::answers& so_far) {
  const auto held = gate_.enter();
  return inner_.validate(page_id, so_far);
}

sdk::result<sdk::summary> gated_wizard::run(const sdk::answers& all) {
  // A wizard is one object per task invocation (sdk/wizard.hpp): what its run() works on is its
  // own, and a plugin refuses a second task on the same data with its own lock.
  starting_();
  return inner_.run(all);
}

}  // namespace arbor::host::web
