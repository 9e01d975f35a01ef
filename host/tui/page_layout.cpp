#include "host/tui/page_layout.hpp"

#include "host/tui/text.hpp"

namespace arbor::host::tui {
namespace {

constexpr std::size_t indent = 4;
constexpr std::size_t search_columns = 16;  ///< the search's box; a longer search scrolls in it

void add_wrapped(styled_lines& out, std::string_view text, std::size_t width, style s, std::string_view prefix = {}) {
  const std::size_t room = width > prefix.size() + 1 ? width - prefix.size() : 1;
  for (std::string& line : wrap(printable(text), room)) out.push_back({std::string(prefix) + line, s});
}

/// "12 of 340 match 'ali'", and for a multi-select how many are checked, hidden or not.
std::string match_count(const option_list& list) {
  const std::string all = std::to_string(list.options().size());
  std::string text = !list.filtered() ? all + " options"
                                      : std::to_string(list.shown().size()) + " of " + all + " match '" +
                                            printable(list.search().text()) + "'";
  if (!list.single()) text += ", " + std::to_string(list.checked_count()) + " selected";
  return text;
}

void add_search_line(page_layout& out, const option_list& list, bool focused, std::size_t width) {
  const std::string prompt = std::string(indent, ' ') + "Search: ";
  const editor_view typed = list.search().visible(search_columns);
  if (focused && list.typing()) out.cursor = std::make_pair(out.lines.size(), columns(prompt) + typed.cursor);
  const std::string line = prompt + fit(printable(typed.text), search_columns) + "  " + match_count(list);
  out.lines.push_back({std::string(clip(line, width)), style::hint});
}

void add_list(page_layout& out, const option_list& list, bool focused, std::size_t width) {
  const std::string pad(indent, ' ');
  if (list.typing() || list.filtered()) add_search_line(out, list, focused, width);
  const std::vector<std::size_t>& shown = list.shown();
  if (shown.empty()) {
    out.lines.push_back({pad + (list.options().empty() ? "(no options)" : "(no option matches)"), style::hint});
    return;
  }
  const std::size_t end = std::min(shown.size(), list.top() + list.rows());
  if (list.top() > 0) out.lines.push_back({pad + "^ " + std::to_string(list.top()) + " more above", style::hint});
  const auto highlighted = list.highlighted_row();
  for (std::size_t row = list.top(); row < end; ++row) {
    const std::size_t option = shown[row];
    const bool on = list.checked(option);
    const std::string mark = list.single() ? (on ? "(*) " : "( ) ") : (on ? "[x] " : "[ ] ");
    const bool lit = focused && highlighted == row;
    if (lit) out.highlight_line = out.lines.size();
    out.lines.push_back({std::string(clip(pad + mark + printable(list.options()[option]), width)),
                         lit ? style::selected : style::normal});
  }
  if (end < shown.size())
    out.lines.push_back({pad + "v " + std::to_string(shown.size() - end) + " more below", style::hint});
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
    case sdk::field_kind::multi_select: add_list(out, *input.list, focused, width); break;
    case sdk::field_kind::confirmation:
      out.lines.push_back({std::string(indent, ' ') + (input.yes ? "(*) Yes   ( ) No" : "( ) Yes   (*) No"),
                           focused ? style::selected : style::normal});
      break;
  }
}

/// "3 matches (Tab again moves on): a.kmx  b.kmx  c.kmx".
void add_completions(styled_lines& out, const page_form& form, std::size_t width) {
  const std::size_t total = form.completion_matches();
  std::string text = std::to_string(total) + " matches (type more, or Tab again to move on):";
  for (const std::string& name : form.completions()) text += "  " + name;
  if (total > form.completions().size()) text += "  ...";
  add_wrapped(out, text, width, style::hint, "    ");
}

}  // namespace

page_layout layout_page(const page_form& form, const sdk::error* problem, std::size_t width) {
  const sdk::page& page = form.page();
  page_layout out;
  out.lines.push_back({std::string(clip(printable(page.title), width)), style::title});
  add_wrapped(out.lines, page.description, width, style::normal);
  out.info_begin = out.lines.size();
  for (const std::string& info : page.info) add_wrapped(out.lines, info, width, style::hint, "  ");
  out.info_end = out.lines.size();
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
    if (has_focus && !form.completions().empty()) add_completions(out.lines, form, width);
    if (has_focus && !input.field.help.empty()) add_wrapped(out.lines, input.field.help, width, style::hint, "    ");
    if (has_focus) out.focus_end = out.lines.size() - 1;
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
