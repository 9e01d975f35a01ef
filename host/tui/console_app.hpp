#pragma once
// The full-screen console: the tree pane on the left, the details pane of the selected node on
// the right, the status line with the standing warnings, a message line and the key hints. From
// here the operator opens a node's context menu, runs its tasks and property tabs as wizards,
// sorts the details, and looks at the plugins, the warnings and the log.
#include "host/console/console_tree.hpp"
#include "host/console/menu_slots.hpp"
#include "host/plugins/plugin_registry.hpp"
#include "host/tui/details_model.hpp"
#include "host/tui/lines.hpp"
#include "host/tui/menu.hpp"
#include "host/tui/tree_view.hpp"
#include "host/tui/tui_services.hpp"
#include "host/tui/warning_board.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

namespace arbor::host::tui {

/// How the console ended. Zero is deliberately unused.
enum class console_end : unsigned char {
  quit = 1,     ///< the operator pressed q
  interrupted,  ///< SIGINT or SIGTERM
};

class console_app {
 public:
  /// Everything passed in must outlive the app; the screen must be up while run() runs.
  console_app(plugin_registry& registry, const console_tree& tree, const menu_slots& menus, tui_services& services);

  console_end run();

 private:
  void selection_changed();
  /// Catches up with what changed since the last key: the pane's height, the warnings.
  void refresh_state();
  /// Shows `menu` over the console until an entry is chosen (its tag) or the menu is closed;
  /// F1 or '?' shows `help` of the selected entry's tag, if given.
  std::optional<std::size_t> pick(menu_model& menu, const std::function<styled_lines(std::size_t tag, std::size_t width)>& help = {});
  void open_menu();
  void sort_details();
  void run_action(const tree_node& node, const menu_entry& entry);
  void show_plugins();
  void show_log();
  void show_warnings();
  void show_node_help();
  /// Says in the message line that `k` does nothing on the main screen.
  void say_unused(const key_event& k);
  void say(std::string message, style s);
  void take_log_alert();

  void draw() const;
  void draw_menu(const menu_model& menu) const;
  void draw_tree(int top, int height, int width) const;
  void draw_details(int top, int left, int height, int width) const;
  void draw_status(int row, int width) const;
  styled_lines details_text(std::size_t width) const;
  int details_height() const;

  plugin_registry& registry_;
  const menu_slots& menus_;
  tui_services& services_;
  tree_view tree_;
  details_model details_;
  warning_board warnings_;
  mutable std::size_t tree_first_{0};
  std::string message_;
  style message_style_{style::normal};
};

}  // namespace arbor::host::tui
