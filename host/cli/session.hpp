#pragma once
// What every command works on: the front end's services, the plugin registry after discovery,
// and the tree and menus drawn from the healthy manifests. No plugin library is opened here.
#include "host/cli/options.hpp"
#include "host/cli/services.hpp"
#include "host/console/console_tree.hpp"
#include "host/console/menu_slots.hpp"
#include "host/plugins/plugin_registry.hpp"
#include "host/plugins/service_table.hpp"

namespace arbor::host::cli {

/// One run of `arbor`: built from the options, used by exactly one command.
class session {
 public:
  explicit session(const cli_options& options);
  session(const session&) = delete;
  session& operator=(const session&) = delete;

  plugin_registry& registry() noexcept { return registry_; }
  const console_tree& tree() const noexcept { return tree_; }
  const menu_slots& menus() const noexcept { return menus_; }
  cli_services& services() noexcept { return services_; }
  /// The host services; the interactive console installs its own into it.
  service_table& table() noexcept { return table_; }

 private:
  // Declared in this order so the registry (and the plugins it holds) goes before its services.
  cli_services services_;
  service_table table_;
  plugin_registry registry_;
  console_tree tree_;
  menu_slots menus_;
};

}  // namespace arbor::host::cli
