#pragma once
// Entry point of the interactive front end: `arbor` without a command on a terminal.
#include "host/console/console_tree.hpp"
#include "host/console/menu_slots.hpp"
#include "host/plugins/plugin_registry.hpp"
#include "host/plugins/service_table.hpp"

namespace arbor::host::tui {

/// Runs the full-screen console until the operator quits. Installs the interactive host
/// services (progress dialog, confirmation and password dialogs, log) into `services` before
/// any plugin is used, and removes them on return, so call it before a plugin has been loaded.
/// The terminal is restored on every way out: return, exception, SIGINT or SIGTERM.
/// Returns the process exit status: 0 when the operator quit, 6 (cancelled) after SIGINT or
/// SIGTERM, 2 (usage) when the terminal cannot be used (the reason is printed on stderr).
int run_console(plugin_registry& registry, service_table& services, const console_tree& tree, const menu_slots& menus);

}  // namespace arbor::host::tui
