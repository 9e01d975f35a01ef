#include "host/tui/draw.hpp"

#include "host/tui/text.hpp"

#include <curses.h>

#include <algorithm>
#include <cstdlib>

namespace arbor::host::tui {
namespace {

enum colour_pair : short { red = 1, yellow, green };

bool in_colour = false;

// Without colour, an error is also underlined so it stands apart from a notice; every warning
// and failure also says so in words ("!", "failed"), so nothing depends on the attributes alone.
attr_t attributes(style s) {
  switch (s) {
    case style::normal: return A_NORMAL;
    case style::title: return A_BOLD;
    case style::heading: return A_UNDERLINE;
    case style::selected: return A_REVERSE;
    case style::notice: return in_colour ? A_BOLD | COLOR_PAIR(yellow) : A_BOLD;
    case style::error: return in_colour ? A_BOLD | COLOR_PAIR(red) : A_BOLD | A_UNDERLINE;
    case style::hint: return A_DIM;
    case style::success: return in_colour ? A_BOLD | COLOR_PAIR(green) : A_BOLD;
  }
  return A_NORMAL;
}

}  // namespace

void init_styles() {
  // NO_COLOR (https://no-color.org): set to anything non-empty, the operator asks for no colour.
  const char* no_colour = std::getenv("NO_COLOR");
  in_colour = ::has_colors() && (no_colour == nullptr || *no_colour == '\0');
  if (!in_colour) return;
  ::start_color();
  ::use_default_colors();
  ::init_pair(red, COLOR_RED, -1);
  ::init_pair(yellow, COLOR_YELLOW, -1);
  ::init_pair(green, COLOR_GREEN, -1);
}

int screen_rows() { return getmaxy(stdscr); }
int screen_cols() { return getmaxx(stdscr); }

void put(int y, int x, std::string_view text, int width, style s, bool pad) {
  if (width <= 0 || y < 0 || x < 0) return;
  const auto columns_left = static_cast<std::size_t>(width);
  const std::string shown = pad ? fit(printable(text), columns_left) : std::string(clip(printable(text), columns_left));
  ::wattrset(stdscr, attributes(s));
  ::mvwaddstr(stdscr, y, x, shown.c_str());
  ::wattrset(stdscr, A_NORMAL);
}

void frame(int y, int x, int height, int width, std::string_view title) {
  if (height < 2 || width < 2) return;
  for (int row = y + 1; row < y + height - 1; ++row) put(row, x + 1, "", width - 2, style::normal, true);
  ::mvwhline(stdscr, y, x + 1, ACS_HLINE, width - 2);
  ::mvwhline(stdscr, y + height - 1, x + 1, ACS_HLINE, width - 2);
  ::mvwvline(stdscr, y + 1, x, ACS_VLINE, height - 2);
  ::mvwvline(stdscr, y + 1, x + width - 1, ACS_VLINE, height - 2);
  ::mvwaddch(stdscr, y, x, ACS_ULCORNER);
  ::mvwaddch(stdscr, y, x + width - 1, ACS_URCORNER);
  ::mvwaddch(stdscr, y + height - 1, x, ACS_LLCORNER);
  ::mvwaddch(stdscr, y + height - 1, x + width - 1, ACS_LRCORNER);
  if (!title.empty()) put(y, x + 2, " " + std::string(title) + " ", width - 4, style::title);
}

void clear_screen() { ::werase(stdscr); }

void place_cursor(int y, int x) {
  if (y < 0) {
    ::curs_set(0);
    return;
  }
  ::curs_set(1);
  ::wmove(stdscr, y, x);
}

void flush() { ::wrefresh(stdscr); }

}  // namespace arbor::host::tui
