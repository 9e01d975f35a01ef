#include "host/tui/dialogs.hpp"

#include "host/tui/draw.hpp"
#include "host/tui/field_editor.hpp"
#include "host/tui/key_input.hpp"
#include "host/tui/text.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace arbor::host::tui {
namespace {

/// The box's geometry for `lines` of text plus `extra` rows (buttons, an input line).
struct box {
  int y, x, height, width;
};

box centered(std::size_t text_rows, int extra) {
  const int width = std::max(std::min(screen_cols() - 4, 70), 10);
  const int height = std::min(static_cast<int>(text_rows) + extra + 2, std::max(screen_rows() - 2, 3));
  return box{std::max((screen_rows() - height) / 2, 0), std::max((screen_cols() - width) / 2, 0), height, width};
}

std::vector<std::string> wrapped(std::string_view text, const int width) {
  return wrap(printable(text), static_cast<std::size_t>(std::max(width - 4, 1)));
}

void draw_text(const box& b, const std::vector<std::string>& lines, style s) {
  for (std::size_t i = 0; i < lines.size() && static_cast<int>(i) < b.height - 2; ++i)
    put(b.y + 1 + static_cast<int>(i), b.x + 2, lines[i], b.width - 4, s);
}

/// The bottom line follows the dialog: only its keys work while it is open.
void key_help(std::string_view keys) { put(screen_rows() - 1, 0, keys, screen_cols(), style::hint, true); }

}  // namespace

void message_box(std::string_view title, std::string_view message, style s) {
  for (;;) {
    const auto lines = wrapped(message, centered(0, 0).width);
    const box b = centered(lines.size(), 2);
    frame(b.y, b.x, b.height, b.width, title);
    draw_text(b, lines, s);
    put(b.y + b.height - 2, b.x + 2, "[ OK ]  (Enter)", b.width - 4, style::selected);
    key_help(" Enter/Esc close");
    place_cursor(-1, 0);
    flush();
    const key_event k = read_key();
    if (k.code == key::enter || k.code == key::escape || k.code == key::interrupt) return;
    if (k.code == key::resize) clear_screen();
  }
}

bool ask_yes_no(std::string_view question) {
  bool yes = false;  // the safe answer is the default
  for (;;) {
    const auto lines = wrapped(question, centered(0, 0).width);
    const box b = centered(lines.size(), 2);
    frame(b.y, b.x, b.height, b.width, "Confirm");
    draw_text(b, lines, style::normal);
    const int row = b.y + b.height - 2;
    put(row, b.x + 2, "[ Yes ]", 7, yes ? style::selected : style::normal);
    put(row, b.x + 11, "[ No ]", 6, yes ? style::normal : style::selected);
    key_help(" y/n answer  Left/Right/Tab choose  Enter answer the chosen  Esc no");
    place_cursor(-1, 0);
    flush();
    const key_event k = read_key();
    if (k.is(U'y') || k.is(U'Y')) return true;
    if (k.is(U'n') || k.is(U'N') || k.code == key::escape || k.code == key::interrupt) return false;
    if (k.code == key::enter) return yes;
    if (k.code == key::left || k.code == key::right || k.code == key::tab || k.code == key::back_tab) yes = !yes;
    if (k.code == key::resize) clear_screen();
  }
}

std::optional<sdk::secret_text> ask_secret(std::string_view label) {
  field_editor editor(true);
  for (;;) {
    const auto lines = wrapped(label, centered(0, 0).width);
    const box b = centered(lines.size(), 3);
    frame(b.y, b.x, b.height, b.width, "Password");
    draw_text(b, lines, style::normal);
    const int row = b.y + b.height - 3;
    const editor_view shown = editor.visible(static_cast<std::size_t>(std::max(b.width - 6, 1)));
    put(row, b.x + 2, "[" + fit(shown.text, static_cast<std::size_t>(std::max(b.width - 6, 1))) + "]", b.width - 4,
        style::normal);
    put(row + 1, b.x + 2, "Enter: OK   Esc: cancel", b.width - 4, style::hint);
    key_help(" Type the password (shown as '*')  Enter OK  Esc cancel");
    place_cursor(row, b.x + 3 + static_cast<int>(shown.cursor));
    flush();
    const key_event k = read_key();
    if (k.code == key::escape || k.code == key::interrupt) break;
    if (k.code == key::enter) {
      place_cursor(-1, 0);
      return editor.secret();
    }
    if (k.code == key::resize) clear_screen();
    editor.handle(k);
  }
  place_cursor(-1, 0);
  return std::nullopt;
}

}  // namespace arbor::host::tui
