#pragma once
// The full-screen console: the tree pane on the left, the details pane of the selected node on
// the right, the status line with the standing warnings, a message line and the key hints. From
// here the operator opens a node's context menu, runs its tasks and property tabs as wizards,
// sorts the details, and looks at the plugins, the warnings and the log. Tab moves the focus to
// the details pane, where rows are selected and filtered and the columns scrolled; a task that
// takes rows then opens with the selected ones chosen.
#include "host/console/console_tree.hpp"
#include "host/console/menu_slots.hpp"
#include "host/plugins/plugin_registry.hpp"
#include "host/tui/details_cursor.hpp"
#include "host/tui/details_model.hpp"
#include "host/tui/details_pane.hpp"
#include "host/tui/lines.hpp"
#include "host/tui/menu.hpp"
#include "host/tui/tree_view.hpp"
#include "host/tui/tui_services.hpp"
#include "host/tui/warning_board.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace arbor::host::tui {

/// Which pane the keys go to. Zero is deliberately unused.
enum class pane : unsigned char { tree = 1, details };

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
  /// Runs `entry` on `node`, with the selected rows when `with_rows`.
  void run_action(const tree_node& node, const menu_entry& entry, bool with_rows = false);
  /// Whether `entry` starts with the rows selected in the details (none: false).
  bool takes_selection(const tree_node& node, const menu_entry& entry);

  // The details pane with the focus.
  /// Asks the node's plugin which tables' rows can be selected (SDK 1.2 row selection).
  void load_row_keys();
  void switch_focus();
  /// Handles a key for the details pane; false when it is not one of its keys.
  bool details_key(const key_event& k);
  void move_cursor(std::ptrdiff_t by);
  void scroll_columns(std::ptrdiff_t by);
  void toggle_row();
  void filter_details();
  void clear_details_marks();
  void resize_tree(int by);
  /// The table the cursor, the selection and the filter work on: the first whose rows can be
  /// selected, else the first.
  std::size_t active_table() const;
  const sdk::table* active() const;
  /// The row under the cursor, when the details pane has the focus and shows one.
  const std::vector<std::string>* cursor_row() const;
  details_marks marks() const;
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
  int tree_pane_width(int cols) const;
  int details_width() const;
  styled_lines details_text(std::size_t width) const;
  int details_height() const;

  plugin_registry& registry_;
  const menu_slots& menus_;
  tui_services& services_;
  tree_view tree_;
  details_model details_;
  warning_board warnings_;
  mutable std::size_t tree_first_{0};
  pane focus_{pane::tree};
  details_cursor cursor_;
  std::vector<std::string> row_keys_;  ///< per table of the view: its key column id, or empty
  int tree_cols_{0};                   ///< the tree pane's width the operator chose; 0: the default
  std::string message_;
  style message_style_{style::normal};
};

}  // namespace arbor::host::tui
