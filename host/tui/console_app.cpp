#include "host/tui/console_app.hpp"

#include "host/console/sdk_1_2.hpp"
#include "host/console/tree_path.hpp"
#include "host/console/wizard_runner.hpp"
#include "host/tui/dialogs.hpp"
#include "host/tui/draw.hpp"
#include "host/tui/help_lines.hpp"
#include "host/tui/key_input.hpp"
#include "host/tui/line_view.hpp"
#include "host/tui/menu.hpp"
#include "host/tui/outcome_log.hpp"
#include "host/tui/plugin_lines.hpp"
#include "host/tui/property_sheet.hpp"
#include "host/tui/sort_menu.hpp"
#include "host/tui/summary_lines.hpp"
#include "host/tui/text.hpp"
#include "host/tui/wizard_screen.hpp"

#include <algorithm>

namespace arbor::host::tui {
namespace {

std::string failure_title(wizard_end end) {
  switch (end) {
    case wizard_end::refused: return "Answers refused";
    case wizard_end::plugin_failed: return "Plugin failure";
    case wizard_end::task_failed: return "Task failed";
    default: return "Stopped";
  }
}

/// Whether the plugin of `entry` was built for SDK 1.2 or later: its Properties tabs are shown as
/// sheets and its pages prepared again while typed. Older plugins' wizards run as they were
/// written for: their prepare() was never promised to be called again.
bool built_for_sdk_1_2(const plugin_registry& registry, const menu_entry& entry) {
  for (const plugin_status& plugin : registry.plugins())
    if (plugin.id == entry.plugin_id && plugin.manifest) return built_for_sdk_1_2(*plugin.manifest);
  return false;
}

std::string_view trimmed(std::string_view label) {
  return label.substr(std::min(label.find_first_not_of(' '), label.size()));
}

}  // namespace

console_app::console_app(plugin_registry& registry, const console_tree& tree, const menu_slots& menus,
                         tui_services& services)
    : registry_(registry), menus_(menus), services_(services), tree_(tree.root()) {}

void console_app::say(std::string message, style s) {
  message_ = std::move(message);
  message_style_ = s;
}

void console_app::take_log_alert() {
  if (auto alert = services_.log.take_alert())
    say(std::string(level_name(alert->level)) + ": " + alert->message + "  (l: log)", style::error);
}

void console_app::selection_changed() {
  const tree_node& node = tree_.selected();
  cursor_.reset();
  row_keys_.clear();
  if (node.is_folder()) {
    details_.close();
    return;
  }
  details_.open([this, id = node.plugin_id, ref = node.ref()](sdk::row_window window) {
    return registry_.details(id, ref, window);
  }, static_cast<std::size_t>(details_height()));
  if (details_.error() != nullptr) say("The details could not be shown; p lists the plugins and their state.", style::error);
  load_row_keys();
  take_log_alert();
}

void console_app::refresh_state() {
  details_.resize(static_cast<std::size_t>(details_height()));
  warnings_.set_failed_plugins(failed_count(registry_.plugins()));
  const tree_node& node = tree_.selected();
  if (const sdk::details_view* view = details_.view()) warnings_.set_notices(display_path(node.path), node.name, view->notices);
}

void console_app::show_plugins() {
  show_pager("Plugins", [this](std::size_t width) { return plugin_lines(registry_.plugins(), width); });
}

void console_app::show_log() {
  show_pager("Log", [this](std::size_t width) {
    styled_lines lines;
    for (const log_line& line : services_.log.lines()) {
      const bool alert = line.level == sdk::log_level::warning || line.level == sdk::log_level::error;
      // Wrapped, not cut: a task's outcome is often the longest line.
      for (std::string& part : wrap(std::string(level_name(line.level)) + ": " + printable(line.message), width))
        lines.push_back({std::move(part), alert ? style::error : style::normal});
    }
    if (lines.empty()) lines.push_back({"Nothing was logged.", style::hint});
    return lines;
  });
}

void console_app::show_warnings() {
  show_pager("Warnings", [this](std::size_t width) {
    styled_lines lines;
    for (const std::string& warning : warnings_.all())
      for (std::string& line : wrap("! " + printable(warning), width)) lines.push_back({std::move(line), style::notice});
    if (lines.empty()) lines.push_back({"No warnings.", style::hint});
    return lines;
  });
}

void console_app::show_node_help() {
  const tree_node& node = tree_.selected();
  show_pager("Help: " + printable(node.name), [&](std::size_t width) { return node_help(node, menus_.menu_for(node), width); });
  clear_screen();
}

void console_app::say_unused(const key_event& k) {
  if (k.code == key::idle || k.code == key::other) return;
  say(key_name(k) + " does nothing here; F1 for help", style::hint);
}

std::optional<std::size_t> console_app::pick(menu_model& menu,
                                             const std::function<styled_lines(std::size_t, std::size_t)>& help) {
  for (;;) {
    refresh_state();
    draw();
    draw_menu(menu);
    const key_event k = read_key();
    if (k.code == key::interrupt) return std::nullopt;
    if (k.code == key::resize) clear_screen();
    if (k.code == key::f1 || k.is(U'?')) {
      if (const auto tag = menu.selected_tag(); help && tag)
        show_pager("Help: " + printable(trimmed(menu.lines()[*menu.selected_line()].label)),
                   [&](std::size_t width) { return help(*tag, width); });
      else
        show_pager("Help: " + printable(menu.title()), [](std::size_t width) {
          styled_lines lines;
          for (std::string& line : wrap("Up/Down move, Enter chooses, Esc closes the menu.", width))
            lines.push_back({std::move(line), style::hint});
          return lines;
        });
      clear_screen();
      continue;
    }
    const menu_action action = menu.handle(k);
    if (action == menu_action::closed) return std::nullopt;
    if (action == menu_action::chosen) return menu.selected_tag();
  }
}

void console_app::open_menu() {
  const tree_node& node = tree_.selected();
  const std::string selected = std::to_string(cursor_.selection().size()) + " selected";
  std::vector<bool> with_rows;  // by entry, in menu order
  context_menu menu = make_context_menu(node.name, menus_.menu_for(node), [&](const menu_entry& entry) {
    with_rows.push_back(takes_selection(node, entry));
    return with_rows.back() ? "(" + selected + ")" : std::string{};
  });
  if (menu.entries.empty()) {
    say(display_path(node.path) + " has no tasks or properties.", style::hint);
    return;
  }
  const auto help = [&](std::size_t tag, std::size_t width) { return action_help(menu.entries[tag], width); };
  if (const auto chosen = pick(menu.model, help)) run_action(node, menu.entries[*chosen], with_rows[*chosen]);
}

void console_app::sort_details() {
  const sdk::details_view* view = details_.view();
  sort_menu menu = make_sort_menu(view ? *view : sdk::details_view{}, details_.sorting());
  if (menu.choices.empty()) {
    say("Nothing to sort here: select a node whose details have a table.", style::hint);
    return;
  }
  const auto chosen = pick(menu.model);
  if (!chosen) return;
  const std::optional<sort_order> order = menu.choices[*chosen];
  if (!order) {
    details_.unsort();
    say("The details are in the plugin's order again.", style::hint);
  } else if (auto sorted = details_.sort_by(*order); !sorted) {
    say(sorted.error().message, style::error);
  } else {
    const sdk::table& table = details_.view()->tables[order->table];
    say("All " + std::to_string(table.total_rows) + " rows of " + printable(table.title) + " are " +
            sort_label(table, *order) + ".",
        style::hint);
  }
  take_log_alert();
}

void console_app::run_action(const tree_node& node, const menu_entry& entry, bool with_rows) {
  auto opened = with_rows ? registry_.open_selected(entry.plugin_id, node.ref(), entry.action_id, active()->title,
                                                    cursor_.selection())
                          : registry_.open(entry.plugin_id, node.ref(), entry.action_id);
  if (!opened) {
    clear_screen();
    draw();
    message_box("Cannot open " + entry.label, opened.error().message, style::error);
    say(entry.label + " could not be opened; p lists the plugins and their state.", style::error);
    return;
  }
  const bool sdk_1_2 = built_for_sdk_1_2(registry_, entry);
  const bool sheet = sdk_1_2 && entry.slot == slot_properties;
  wizard_screen source(sdk_1_2);
  const wizard_outcome outcome =
      sheet ? property_sheet(*opened.value(), entry.label, entry.sheet_answers, services_.log).run(source)
            : run_wizard(*opened.value(), source);
  if (services_.progress.active()) services_.progress.end();  // a task that forgot end()
  clear_screen();
  if (outcome.end == wizard_end::completed && sheet) {
    say(entry.label + ": the changes were applied.", style::success);  // the sheet showed the values
  } else if (outcome.end == wizard_end::completed) {
    show_pager(entry.label + ": summary", [&](std::size_t width) { return summary_lines(*outcome.summary, width); });
    say(entry.label + " completed.", style::success);
    if (with_rows) cursor_.clear_selection();  // the task used them; what they named may be gone
  } else if (outcome.end == wizard_end::cancelled) {
    say(entry.label + ": " + outcome.error.message, style::notice);
  } else {
    draw();
    message_box(failure_title(outcome.end), outcome.error.message, style::error);
    say(entry.label + ": " + outcome.error.message, style::error);
  }
  clear_screen();
  if (auto kept = details_.reload(); !kept) say(kept.error().message, style::error);
  if (const sdk::table* table = active()) cursor_.place(cursor_.row(), table->rows.size());
  take_log_alert();
  if (sheet) return;  // the sheet logged each Apply
  log_outcome(services_.log, entry.label, outcome);
  services_.log.take_alert();  // the outcome was said above; the Log view keeps it
}

console_end console_app::run() {
  selection_changed();
  for (;;) {
    refresh_state();
    draw();
    const key_event k = read_key();
    const tree_node* before = &tree_.selected();
    if (k.code == key::tab || k.code == key::back_tab || k.code == key::f6) {
      switch_focus();
      continue;
    }
    if (focus_ == pane::details && details_key(k)) continue;
    switch (k.code) {
      case key::interrupt: return console_end::interrupted;
      case key::up: tree_.move(-1); break;
      case key::down: tree_.move(1); break;
      case key::home: tree_.move(-static_cast<std::ptrdiff_t>(tree_.rows().size())); break;
      case key::end: tree_.move(static_cast<std::ptrdiff_t>(tree_.rows().size())); break;
      case key::right: tree_.expand(); break;
      case key::left: tree_.collapse(); break;
      case key::enter:
        if (tree_.selected().children.empty()) open_menu();
        else if (!tree_.expand()) tree_.collapse();
        break;
      case key::f10: open_menu(); break;
      case key::page_down: details_.page_down(); break;
      case key::page_up: details_.page_up(); break;
      case key::resize: clear_screen(); break;
      case key::f1: show_node_help(); break;
      case key::character:
        if (k.is(U'q')) return console_end::quit;
        if (k.is(U'm')) open_menu();
        else if (k.is(U'p')) show_plugins();
        else if (k.is(U'l')) show_log();
        else if (k.is(U's')) sort_details();
        else if (k.is(U'w')) show_warnings();
        else if (k.is(U'<')) resize_tree(-4);
        else if (k.is(U'>')) resize_tree(4);
        else if (k.is(U'?')) show_node_help();
        else say_unused(k);
        break;
      default: say_unused(k); break;
    }
    if (&tree_.selected() != before) {
      message_.clear();
      selection_changed();
    }
  }
}

}  // namespace arbor::host::tui
