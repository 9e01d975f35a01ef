#pragma once
// A web task's wizard behind a gate of its own: its calls (spec, prepare, validate, run) are made
// one at a time, whichever thread makes them, and none takes the plugin gate. A wizard is one
// object per task (sdk/wizard.hpp), and a page may be slow on purpose (a password or a short code
// checked with Argon2id) as a run may be long (an export): neither holds up the tree, the details
// or another task's pages. Before run() starts, the task is told.
#include <arbor/sdk/wizard.hpp>

#include <functional>
#include <mutex>

namespace arbor::host::web {

class gated_wizard final : public sdk::wizard {
 public:
  /// `inner` (a guarded wizard) outlives this; `starting` is called before run().
  gated_wizard(sdk::wizard& inner, std::function<void()> starting);

  sdk::wizard_spec spec() const override;
  sdk::result<sdk::page> prepare(std::string_view page_id, const sdk::answers& so_far) override;
  sdk::result<void> validate(std::string_view page_id, const sdk::answers& so_far) override;
  sdk::result<sdk::summary> run(const sdk::answers& all) override;

 private:
  sdk::wizard& inner_;
  std::function<void()> starting_;
  mutable std::mutex calls_;
};

}  // namespace arbor::host::web
