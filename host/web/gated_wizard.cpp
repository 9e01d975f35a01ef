#include "host/web/gated_wizard.hpp"

#include <utility>

namespace arbor::host::web {

gated_wizard::gated_wizard(sdk::wizard& inner, std::function<void()> starting)
    : inner_(inner), starting_(std::move(starting)) {}

sdk::wizard_spec gated_wizard::spec() const {
  const std::lock_guard one_at_a_time(calls_);
  return inner_.spec();
}

sdk::result<sdk::page> gated_wizard::prepare(std::string_view page_id, const sdk::answers& so_far) {
  const std::lock_guard one_at_a_time(calls_);
  return inner_.prepare(page_id, so_far);
}

sdk::result<void> gated_wizard::validate(std::string_view page_id, const sdk::answers& so_far) {
  const std::lock_guard one_at_a_time(calls_);
  return inner_.validate(page_id, so_far);
}

sdk::result<sdk::summary> gated_wizard::run(const sdk::answers& all) {
  // What a wizard works on is its own; a plugin refuses a second task on the same data with its
  // own lock.
  starting_();
  const std::lock_guard one_at_a_time(calls_);
  return inner_.run(all);
}

}  // namespace arbor::host::web
