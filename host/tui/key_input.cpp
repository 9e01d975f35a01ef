#include "host/tui/key_input.hpp"

#include "host/tui/screen.hpp"
#include "host/tui/text.hpp"

#include <curses.h>

namespace arbor::host::tui {
namespace {

key_event function_key(wint_t code) {
  switch (code) {
    case KEY_UP: return press(key::up);
    case KEY_DOWN: return press(key::down);
    case KEY_LEFT: return press(key::left);
    case KEY_RIGHT: return press(key::right);
    case KEY_HOME: return press(key::home);
    case KEY_END: return press(key::end);
    case KEY_PPAGE: return press(key::page_up);
    case KEY_NPAGE: return press(key::page_down);
    case KEY_ENTER: return press(key::enter);
    case KEY_BTAB: return press(key::back_tab);
    case KEY_BACKSPACE: return press(key::backspace);
    case KEY_DC: return press(key::erase);
    case KEY_F(6): return press(key::f6);
    case KEY_F(1): return press(key::f1);
    case KEY_F(10): return press(key::f10);
    case KEY_RESIZE: return press(key::resize);
    default:
      if (code > KEY_F0 && code <= KEY_F(63)) return key_event{key::function, static_cast<char32_t>(code - KEY_F0)};
      return press(key::other);
  }
}

key_event character(wint_t c) {
  switch (c) {
    case L'\n':
    case L'\r': return press(key::enter);
    case L'\t': return press(key::tab);
    case 27: return press(key::escape);
    case 8:
    case 127: return press(key::backspace);
    default: return c < 0x20 ? press(key::other) : type(static_cast<char32_t>(c));
  }
}

}  // namespace

key_event read_key(int timeout_ms) {
  if (screen_session::stop_requested()) return press(key::interrupt);
  ::wtimeout(stdscr, timeout_ms);
  wint_t c = 0;
  const int got = ::wget_wch(stdscr, &c);
  if (screen_session::stop_requested()) return press(key::interrupt);
  if (got == KEY_CODE_YES) return function_key(c);
  if (got == ERR) return press(key::idle);
  return character(c);
}

std::string key_name(const key_event& k) {
  switch (k.code) {
    case key::character: return k.ch == U' ' ? "Space" : printable(encode_utf8(k.ch));
    case key::function: return "F" + std::to_string(static_cast<unsigned>(k.ch));
    case key::f1: return "F1";
    case key::f10: return "F10";
    case key::tab: return "Tab";
    case key::back_tab: return "Shift-Tab";
    case key::escape: return "Esc";
    case key::backspace: return "Backspace";
    case key::erase: return "Delete";
    case key::home: return "Home";
    case key::end: return "End";
    case key::page_up: return "PgUp";
    case key::page_down: return "PgDn";
    case key::enter: return "Enter";
    case key::up: return "Up";
    case key::down: return "Down";
    case key::left: return "Left";
    case key::right: return "Right";
    default: return "That key";
  }
}

}  // namespace arbor::host::tui
