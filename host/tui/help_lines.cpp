#include "host/tui/help_lines.hpp"

#include "host/console/tree_path.hpp"
#include "host/tui/text.hpp"

#include <string>

namespace arbor::host::tui {
namespace {

void add(styled_lines& out, std::string_view text, std::size_t width, style s = style::normal) {
  for (std::string& line : wrap(printable(text), width)) out.push_back({std::move(line), s});
}

void add_keys(styled_lines& out, std::string_view keys, std::size_t width) {
  out.push_back({});
  out.push_back({"Keys", style::title});
  add(out, keys, width, style::hint);
}

const char* keys_for(sdk::field_kind kind) {
  switch (kind) {
    case sdk::field_kind::text:
    case sdk::field_kind::path:
      return "Type the value; Left/Right/Home/End move in it, Backspace/Delete erase. '?' is typed as text here: "
             "F1 opens this help.";
    case sdk::field_kind::secret:
      return "Type it; it is shown as '*' and never written to a file or log. F1 opens this help.";
    case sdk::field_kind::choice:
      return "Up/Down move over the options, Space chooses one, '/' searches them.";
    case sdk::field_kind::multi_select:
      return "Up/Down move over the options, Space checks or unchecks one, '/' searches them.";
    case sdk::field_kind::confirmation: return "Space, Left/Right or y/n choose Yes or No.";
  }
  return "";
}

const char* kind_text(sdk::field_kind kind) {
  switch (kind) {
    case sdk::field_kind::text: return "Text";
    case sdk::field_kind::path: return "A file path";
    case sdk::field_kind::secret: return "A password (hidden)";
    case sdk::field_kind::choice: return "One of a list";
    case sdk::field_kind::multi_select: return "Any of a list";
    case sdk::field_kind::confirmation: return "Yes or No";
  }
  return "";
}

}  // namespace

styled_lines node_help(const tree_node& node, const node_menu& menu, std::size_t width) {
  styled_lines out;
  out.push_back({std::string(clip(printable(display_path(node.path)), width)), style::title});
  if (node.is_folder()) {
    add(out, "A folder: it groups the nodes below it and has no tasks of its own. Right expands it.", width);
  } else {
    add(out, node.help.empty() ? "Its plugin gives no help text for this node." : node.help, width,
        node.help.empty() ? style::hint : style::normal);
    out.push_back({});
    add(out, "Node type " + node.type + ", from the plugin " + node.plugin_id + ".", width, style::hint);
    if (!menu.all_tasks.empty() || !menu.properties.empty()) {
      out.push_back({});
      out.push_back({"Its menu (m or F10)", style::title});
      for (const auto* slot : {&menu.all_tasks, &menu.properties})
        for (const menu_entry& entry : *slot) add(out, "  " + entry.slot + " > " + entry.label, width);
    }
  }
  add_keys(out, "Up/Down select a node, Right/Left expand/collapse, Enter or m opens its menu, s sorts the details, "
                "PgUp/PgDn page through them, l shows the log, p the plugins, w the warnings, q quits. "
                "F1 or ? shows this help; on a menu entry, the entry's help.",
           width);
  return out;
}

styled_lines action_help(const menu_entry& entry, std::size_t width) {
  styled_lines out;
  out.push_back({std::string(clip(printable(entry.slot + " > " + entry.label), width)), style::title});
  add(out, entry.help.empty() ? "Its plugin gives no help text for this entry." : entry.help, width,
      entry.help.empty() ? style::hint : style::normal);
  out.push_back({});
  add(out,
      entry.slot == slot_properties
          ? "A Properties tab: after the login its values show as a sheet; Apply changes them, OK applies and closes."
          : "A task: a wizard asks for what it needs, then runs and shows a summary.",
      width, style::hint);
  add(out, "Action " + entry.qualified_id() + " (for `arbor run`).", width, style::hint);
  add_keys(out, "Up/Down move, Enter opens the entry, Esc closes the menu.", width);
  return out;
}

styled_lines field_help(const sdk::page& page, const sdk::field* field, std::size_t width) {
  styled_lines out;
  out.push_back({std::string(clip(printable(page.title), width)), style::title});
  if (!page.description.empty()) add(out, page.description, width);
  if (field != nullptr) {
    out.push_back({});
    out.push_back({std::string(clip(printable(field->label), width)), style::title});
    add(out, field->help.empty() ? "No help text for this field." : field->help, width,
        field->help.empty() ? style::hint : style::normal);
    add(out, std::string(kind_text(field->kind)) + (field->required ? ", required." : ", optional."), width, style::hint);
    add_keys(out, std::string(keys_for(field->kind)) + " Tab/Shift-Tab move between fields and buttons, Enter goes on, "
                                                       "Esc cancels.",
             width);
  } else {
    add_keys(out, "Tab/Shift-Tab or Left/Right move over the buttons, Enter or Space presses one, Esc cancels.", width);
  }
  return out;
}

}  // namespace arbor::host::tui
