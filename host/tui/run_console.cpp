#include "host/tui/run_console.hpp"

#include "host/tui/console_app.hpp"
#include "host/tui/screen.hpp"
#include "host/tui/tui_services.hpp"

#include <iostream>
#include <memory>
#include <stdexcept>

namespace arbor::host::tui {

int run_console(plugin_registry& registry, service_table& services, const console_tree& tree, const menu_slots& menus) {
  std::unique_ptr<screen_session> screen;
  try {
    screen = std::make_unique<screen_session>();
  } catch (const std::runtime_error& e) {
    std::cerr << "arbor: " << e.what() << '\n';
    return 2;
  }
  tui_services installed(services);
  try {
    console_app app(registry, tree, menus, installed);
    return app.run() == console_end::interrupted ? 6 : 0;
  } catch (...) {
    // An exception that nothing catches need not unwind the stack; ending the screen here makes
    // sure the terminal is restored before it travels on.
    screen.reset();
    throw;
  }
}

}  // namespace arbor::host::tui
