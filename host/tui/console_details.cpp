// The details pane with the focus: the cursor, row selection, the filter, column scrolling, and
// the width of the tree pane beside it.
#include "host/console/tree_path.hpp"
#include "host/tui/console_app.hpp"
#include "host/tui/draw.hpp"
#include "host/tui/field_editor.hpp"
#include "host/tui/key_input.hpp"
#include "host/tui/text.hpp"

#include <algorithm>

namespace arbor::host::tui {

void console_app::load_row_keys() {
  const sdk::details_view* view = details_.view();
  if (view == nullptr) return;
  const tree_node& node = tree_.selected();
  for (const sdk::table& table : view->tables) {
    auto key = registry_.row_key(node.plugin_id, node.ref(), table.title);
    row_keys_.push_back(key ? key.value() : std::string{});  // a failure is logged: the rows are just not selectable
  }
}

std::size_t console_app::active_table() const {
  const auto selectable = std::find_if(row_keys_.begin(), row_keys_.end(), [](const std::string& k) { return !k.empty(); });
  return selectable == row_keys_.end() ? 0 : static_cast<std::size_t>(selectable - row_keys_.begin());
}

const sdk::table* console_app::active() const {
  const sdk::details_view* view = details_.view();
  const std::size_t t = active_table();
  return view && t < view->tables.size() ? &view->tables[t] : nullptr;
}

const std::vector<std::string>* console_app::cursor_row() const {
  const sdk::table* table = active();
  if (focus_ != pane::details || table == nullptr || cursor_.row() >= table->rows.size()) return nullptr;
  return &table->rows[cursor_.row()];
}

details_marks console_app::marks() const {
  details_marks m;
  m.table = active_table();
  if (focus_ == pane::details) m.cursor = cursor_.row();
  if (const sdk::table* table = active(); table && m.table < row_keys_.size() && !row_keys_[m.table].empty()) {
    const auto& cols = table->columns;
    const auto key =
        std::find_if(cols.begin(), cols.end(), [&](const sdk::column& c) { return c.id == row_keys_[m.table]; });
    if (key != cols.end()) m.key_column = static_cast<std::size_t>(key - cols.begin());
  }
  m.selected = cursor_.selection();
  if (details_.filtered_table() == m.table) m.filter = details_.filter();
  m.first_column = cursor_.first_column();
  return m;
}

// A plugin is asked only once its library is loaded (the node's own plugin is, to show its
// details): building a menu never loads an extension's library before its action is used.
bool console_app::takes_selection(const tree_node& node, const menu_entry& entry) {
  const sdk::table* table = active();
  if (cursor_.selection().empty() || table == nullptr) return false;
  const auto& all = registry_.plugins();
  const bool loaded = std::any_of(all.begin(), all.end(), [&](const plugin_status& s) {
    return s.id == entry.plugin_id && s.state == plugin_state::loaded;
  });
  if (!loaded) return false;
  auto takes = registry_.takes_rows(entry.plugin_id, node.ref(), entry.action_id, table->title);
  return takes && takes.value();
}

void console_app::switch_focus() {
  if (focus_ == pane::details) {
    focus_ = pane::tree;
    return;
  }
  if (active() == nullptr) {
    say("Nothing to work on in the details here: select a node whose details have a table.", style::hint);
    return;
  }
  focus_ = pane::details;
  cursor_.place(cursor_.row(), active()->rows.size());
  if (!marks().key_column) say("The rows of " + active()->title + " cannot be selected; / filters them.", style::hint);
}

void console_app::move_cursor(std::ptrdiff_t by) {
  const std::ptrdiff_t past = cursor_.move(by, active()->rows.size());
  if (past > 0 && details_.page_down()) cursor_.place(0, active()->rows.size());
  if (past < 0 && details_.page_up()) cursor_.place(active()->rows.size() - 1, active()->rows.size());
}

// Scrolls over the columns of the widest table, so that the last column can be shown alone,
// as wide as it wants.
void console_app::scroll_columns(std::ptrdiff_t by) {
  std::size_t most = 0;
  for (const sdk::table& table : details_.view()->tables) most = std::max(most, table.columns.size());
  if (!cursor_.scroll_columns(by, most))
    say(by > 0 ? "The last column is the first shown." : "The first column is shown.", style::hint);
}

void console_app::toggle_row() {
  const std::vector<std::string>* row = cursor_row();
  const std::optional<std::size_t> key = marks().key_column;
  if (!key) {
    say("The rows of " + active()->title + " cannot be selected.", style::hint);
    return;
  }
  if (row == nullptr || *key >= row->size()) return;
  cursor_.toggle((*row)[*key]);
  move_cursor(1);
}

void console_app::clear_details_marks() {
  if (!details_.filter().empty()) {
    if (auto shown = details_.filter_by(details_.filtered_table(), {}); !shown) say(shown.error().message, style::error);
    else say("The filter is cleared.", style::hint);
  } else if (!cursor_.selection().empty()) {
    cursor_.clear_selection();
    say("The selection is cleared.", style::hint);
  } else {
    focus_ = pane::tree;
  }
  cursor_.place(0, active() ? active()->rows.size() : 0);
}

// The filter line takes the message line: each key filters the whole table again, so the rows
// shown follow what is typed. Enter keeps the filter, Esc clears it.
void console_app::filter_details() {
  const std::size_t table = active_table();
  field_editor editor(false, details_.filtered_table() == table ? details_.filter() : std::string{});
  for (;;) {
    say("Filter: " + std::string(editor.text()) + "_   (Enter keeps it, Esc clears it)", style::normal);
    refresh_state();
    draw();
    const key_event k = read_key();
    if (k.code == key::interrupt || k.code == key::enter) break;
    if (k.code == key::resize) clear_screen();
    if (k.code == key::escape) editor.clear();
    if (k.code != key::escape && !editor.handle(k)) continue;
    if (auto shown = details_.filter_by(table, std::string(editor.text())); !shown) {
      say(shown.error().message, style::error);
      return;
    }
    cursor_.place(0, active() ? active()->rows.size() : 0);
    if (k.code == key::escape) break;
  }
  const sdk::table* shown = active();
  const std::string matching = std::to_string(shown ? shown->total_rows : 0);
  say(details_.filter().empty() ? "No filter: every row is shown."
                                : matching + " of the rows match \"" + details_.filter() + "\".",
      style::hint);
}

void console_app::resize_tree(int by) {
  const int cols = screen_cols();
  tree_cols_ = std::clamp(tree_pane_width(cols) + by, 10, std::max(10, cols - 30));
  say("The tree pane is " + std::to_string(tree_cols_) + " columns wide (< narrower, > wider).", style::hint);
}

bool console_app::details_key(const key_event& k) {
  if (active() == nullptr) {
    focus_ = pane::tree;  // the node's details lost their tables (a failed fetch)
    return false;
  }
  switch (k.code) {
    case key::up: move_cursor(-1); return true;
    case key::down: move_cursor(1); return true;
    case key::home: cursor_.place(0, active()->rows.size()); return true;
    case key::end: cursor_.place(active()->rows.size(), active()->rows.size()); return true;
    case key::page_down: details_.page_down(); cursor_.place(0, active()->rows.size()); return true;
    case key::page_up: details_.page_up(); cursor_.place(0, active()->rows.size()); return true;
    case key::left: scroll_columns(-1); return true;
    case key::right: scroll_columns(1); return true;
    case key::enter: open_menu(); return true;
    case key::escape: clear_details_marks(); return true;
    case key::character:
      if (k.is(U' ')) toggle_row();
      else if (k.is(U'/')) filter_details();
      else return false;
      return true;
    default: return false;
  }
}

}  // namespace arbor::host::tui
