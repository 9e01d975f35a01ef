// Drawing the console's main screen: title bar, tree pane, details pane, message and key hints.
#include "host/console/tree_path.hpp"
#include "host/tui/console_app.hpp"
#include "host/tui/details_pane.hpp"
#include "host/tui/draw.hpp"
#include "host/tui/line_view.hpp"
#include "host/tui/text.hpp"
#include "host/tui/title_bar.hpp"
#include "host/tui/viewport.hpp"

#include <curses.h>

#include <algorithm>
#include <iterator>

namespace arbor::host::tui {
namespace {

constexpr int min_rows = 8;
constexpr int min_cols = 40;

int tree_width(int cols) { return std::clamp(cols / 3, 20, 40); }

// Below the panes: the status line, the message line and the key help.
constexpr int bottom_lines = 3;

/// The key help of the pane with the focus that fits `cols`, shorter forms for narrower terminals.
const char* key_help(pane focus, int cols) {
  static constexpr const char* tree_forms[] = {
      " Up/Down move  Right/Left expand/collapse  Enter open  m/F10 menu  s sort  PgUp/PgDn rows  Tab details"
      "  </> tree width  p plugins  w warnings  l log  F1/? help  q quit",
      " Up/Down Right/Left move  Enter open  m menu  s sort  Tab details  p plugins  w warnings  l log  F1 help"
      "  q quit",
      " Enter open  m menu  Tab details  p plugins  w warnings  l log  F1 help  q quit",
  };
  static constexpr const char* details_forms[] = {
      " Tab/F6 tree  Up/Down row  Space select  / filter  Esc clear  Left/Right columns  Enter/m menu  s sort"
      "  PgUp/PgDn rows  F1 help  q quit",
      " Tab tree  Up/Down row  Space select  / filter  Esc clear  Left/Right columns  Enter menu  q quit",
      " Tab tree  Space select  / filter  Esc clear  Left/Right cols  Enter menu",
  };
  const auto& forms = focus == pane::details ? details_forms : tree_forms;
  for (const char* form : forms)
    if (static_cast<int>(columns(form)) <= cols) return form;
  return forms[std::size(forms) - 1];
}

}  // namespace

// The pane's first line is the node's path.
int console_app::details_height() const { return std::max(screen_rows() - bottom_lines - 2, 1); }

int console_app::tree_pane_width(int cols) const {
  return tree_cols_ == 0 ? tree_width(cols) : std::clamp(tree_cols_, 10, std::max(10, cols - 30));
}

// Right of the tree: its border and a gap, and one column kept free at the right edge.
int console_app::details_width() const {
  const int cols = screen_cols();
  return std::max(cols - tree_pane_width(cols) - 3, 1);
}

void console_app::draw_tree(int top, int height, int width) const {
  const auto rows = tree_.rows();
  const auto pane = static_cast<std::size_t>(height);
  tree_first_ = scroll_to_show(tree_first_, tree_.selected_row(), pane, rows.size());
  for (std::size_t i = 0; i < pane; ++i) {
    const int y = top + static_cast<int>(i);
    const std::size_t index = tree_first_ + i;
    if (index >= rows.size()) {
      put(y, 0, "", width, style::normal, true);
      continue;
    }
    const tree_row& row = rows[index];
    const char* marker = row.node->children.empty() ? "  " : row.expanded ? "- " : "+ ";
    const std::string text = " " + std::string(row.depth * 2, ' ') + marker + row.node->name;
    const style mark = focus_ == pane::tree ? style::selected : style::heading;  // the focus is elsewhere
    put(y, 0, text, width, row.node == &tree_.selected() ? mark : style::normal, true);
  }
}

styled_lines console_app::details_text(std::size_t width) const {
  const tree_node& node = tree_.selected();
  styled_lines lines;
  if (node.is_folder()) {
    lines.push_back({"A folder. It contains:", style::hint});
    for (const auto& child : node.children) lines.push_back({"  " + printable(child->name), style::normal});
    if (node.children.empty()) lines.push_back({"  nothing", style::hint});
    return lines;
  }
  if (const sdk::error* e = details_.error()) {
    lines.push_back({"The details could not be shown:", style::error});
    for (std::string& line : wrap(printable(e->message), width)) lines.push_back({std::move(line), style::error});
    if (!e->technical.empty())
      for (std::string& line : wrap(printable(e->technical), width)) lines.push_back({std::move(line), style::hint});
    lines.push_back({});
    lines.push_back({"Press p for the Plugins view.", style::hint});
    return lines;
  }
  if (const sdk::details_view* view = details_.view())
    return details_lines(*view, details_.window(), details_.sorting(), width, marks());
  return lines;
}

void console_app::draw_details(int top, int left, int height, int width) const {
  const tree_node& node = tree_.selected();
  const bool focused = focus_ == pane::details;
  put(top, left, (focused ? "> " : "") + display_path(node.path), width, focused ? style::selected : style::title, true);
  draw_lines(details_text(static_cast<std::size_t>(width)), 0, top + 1, left, height - 1, width);
}

void console_app::draw_status(int row, int width) const {
  const std::string line = warnings_.status_line(static_cast<std::size_t>(std::max(width - 1, 0)));
  put(row, 0, " " + line, width, line.empty() ? style::normal : style::notice, true);
}

void console_app::draw() const {
  const int rows = screen_rows();
  const int cols = screen_cols();
  if (rows < min_rows || cols < min_cols) {
    clear_screen();
    put(0, 0, "The terminal is too small for the console; make it at least 40x8.", cols, style::error);
    flush();
    return;
  }
  const int tree_cols = tree_pane_width(cols);
  const int pane_top = 1;
  const int pane_height = rows - 1 - bottom_lines;
  put(0, 0, title_text(services_.data_dir(), static_cast<std::size_t>(cols)), cols, style::selected, true);
  draw_tree(pane_top, pane_height, tree_cols);
  ::mvwvline(stdscr, pane_top, tree_cols, ACS_VLINE, pane_height);
  // The gap after the border belongs to no pane: cleared here, or a closed menu leaves a trace.
  for (int y = pane_top; y < pane_top + pane_height; ++y) put(y, tree_cols + 1, "", 1, style::normal, true);
  draw_details(pane_top, tree_cols + 2, pane_height, details_width());
  draw_status(rows - 3, cols);
  put(rows - 2, 0, " " + message_, cols, message_style_, true);
  put(rows - 1, 0, key_help(focus_, cols), cols, style::hint, true);
  place_cursor(-1, 0);
  flush();
}

void console_app::draw_menu(const menu_model& menu) const {
  const auto& lines = menu.lines();
  int width = static_cast<int>(columns(menu.title())) + 6;
  for (const menu_line& line : lines) width = std::max(width, static_cast<int>(columns(line.label)) + 6);
  width = std::min(width, std::max(screen_cols() - 2, 10));
  const int height = std::min(static_cast<int>(lines.size()) + 2, std::max(screen_rows() - 2, 3));
  const int y = std::max((screen_rows() - height) / 2, 0);
  const int x = std::max((screen_cols() - width) / 2, 0);
  frame(y, x, height, width, menu.title());
  // A menu taller than the terminal scrolls with its selection.
  const std::size_t first = scroll_to_show(0, menu.selected_line().value_or(0), static_cast<std::size_t>(height - 2), lines.size());
  for (int i = 0; i < height - 2 && first + static_cast<std::size_t>(i) < lines.size(); ++i) {
    const std::size_t index = first + static_cast<std::size_t>(i);
    const style s = lines[index].heading ? style::title : menu.selected_line() == index ? style::selected : style::normal;
    put(y + 1 + i, x + 1, " " + lines[index].label, width - 2, s, true);
  }
  // The key help follows the menu: the main screen's keys do not work while it is open.
  put(screen_rows() - 1, 0, " Up/Down move  Enter choose  letter jump  Esc close  F1/? help on the entry", screen_cols(),
      style::hint, true);
  flush();
}

}  // namespace arbor::host::tui
