#pragma once
// The interface a plugin implements. The host creates it through the entry point's factory after
// every check has passed, calls attach() once, and then calls details() and open() as the
// operator uses the plugin's nodes and actions. Every call is guarded by the host: an exception
// that escapes becomes an error shown against this plugin, never a crash of the console. Since 1.0.
#include <arbor/sdk/error.hpp>
#include <arbor/sdk/node.hpp>
#include <arbor/sdk/services.hpp>
#include <arbor/sdk/wizard.hpp>

#include <memory>
#include <string_view>

namespace arbor::sdk {

class plugin {
 public:
  virtual ~plugin() = default;

  /// Called once after loading. `services` outlives the plugin.
  virtual result<void> attach(host_services& services) = 0;

  /// The details pane of one of this plugin's nodes.
  virtual result<details_view> details(const node_ref& node, row_window window) = 0;

  /// Starts the action `action_id` (an All Tasks entry or a Properties tab declared in the
  /// manifest) on `node`. A new wizard per call: nothing is carried over from an earlier one.
  virtual result<std::unique_ptr<wizard>> open(const node_ref& node, std::string_view action_id) = 0;
};

}  // namespace arbor::sdk
