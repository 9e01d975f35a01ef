#include "tui/page_layout.hpp"

#include "tui/text.hpp"

namespace arbor::host::tui {
namespace {

constexpr std::size_t indent = 4;

void add_wrapped(styled_lines& out, std::string_view text, std::size_t width, style s, std::string_view prefix = {}) {
  const std::size_t room = width > prefix.size() + 1 ? width - prefix.size() : 1;
  for (std::string& line : wrap(printable(text), room)) out.push_back({std::string(prefix) + line, s});
}

void add_input(page_layout& out, const field_input& input, bool focused, std::size_t width) {
  const std::size_t room = width > indent + 2 ? width - indent - 2 : 1;
  switch (input.field.kind) {
    case sdk::field_kind::text:
    case sdk::field_kind::path:
    case sdk::field_kind::secret: {
      const editor_view shown = input.editor->visible(room);
      if (focused) out.cursor = std::make_pair(out.lines.size(), indent + 1 + shown.cursor);
      out.lines.push_back({std::string(indent, ' ') + "[" + fit(printable(shown.text), room) + "]", style::normal});
      break;
    }
    case sdk::field_kind::choice:
    case sdk::field_kind::multi_select: {
      const bool radio = input.field.kind == sdk::field_kind::choice;
      for (std::size_t i = 0; i < input.field.options.size(); ++i) {
        const std::string mark = radio ? (input.checked[i] ? "(*) " : "( ) ") : (input.checked[i] ? "[x] " : "[ ] ");
        const bool highlighted = focused && i == input.option;
        out.lines.push_back({std::string(clip(std::string(indent, ' ') + mark + printable(input.field.options[i]), width)),
                             highlighted ? style::selected : style::normal});
      }
      if (input.field.options.empty()) out.lines.push_back({std::string(indent, ' ') + "(no options)", style::hint});
      break;
    }
    case sdk::field_kind::confirmation:
      out.lines.push_back({std::string(indent, ' ') + (input.yes ? "(*) Yes   ( ) No" : "( ) Yes   (*) No"),
                           focused ? style::selected : style::normal});
      break;
  }
}

}  // namespace

page_layout layout_page(const page_form& form, const sdk::error* problem, std::size_t width) {
  const sdk::page& page = form.page();
  page_layout out;
  out.lines.push_back({std::string(clip(printable(page.title), width)), style::title});
  add_wrapped(out.lines, page.description, width, style::normal);
  for (const std::string& info : page.info) add_wrapped(out.lines, info, width, style::hint, "  ");
  out.lines.push_back({});
  if (problem != nullptr) {
    add_wrapped(out.lines, problem->message, width, style::error);
    out.lines.push_back({});
  }
  const auto focused = form.focused_field();
  for (std::size_t i = 0; i < form.inputs().size(); ++i) {
    const field_input& input = form.inputs()[i];
    const bool has_focus = focused == i;
    if (has_focus) out.focus_line = out.lines.size();
    const std::string label = (has_focus ? "> " : "  ") + printable(input.field.label) + (input.field.required ? " *" : "");
    out.lines.push_back({std::string(clip(label, width)), has_focus ? style::title : style::normal});
    add_input(out, input, has_focus, width);
    if (has_focus && !input.field.help.empty()) add_wrapped(out.lines, input.field.help, width, style::hint, "    ");
    out.lines.push_back({});
  }
  return out;
}

std::vector<styled_line> button_row(const page_form& form) {
  const auto focused = form.focused_button();
  auto piece = [&](form_button b, std::string label, bool enabled) {
    const style s = !enabled ? style::hint : focused == b ? style::selected : style::normal;
    return styled_line{"[ " + label + " ]", s};
  };
  return {piece(form_button::back, "Back", form.can_go_back()), piece(form_button::next, form.last() ? "Finish" : "Next", true),
          piece(form_button::cancel, "Cancel", true)};
}

}  // namespace arbor::host::tui
