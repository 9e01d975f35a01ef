#pragma once
// A key press as the models see it, independent of ncurses, so they can be tested with plain
// values. key_input.hpp turns what ncurses reads into these.
namespace arbor::host::tui {

/// What was pressed. Zero is deliberately unused.
enum class key : unsigned char {
  character = 1,  ///< a printable character, in `key_event::ch` (space included)
  up,
  down,
  left,
  right,
  home,
  end,
  page_up,
  page_down,
  enter,
  tab,
  back_tab,
  escape,
  backspace,
  erase,  ///< Delete: the character under the cursor
  f6,   ///< moves the focus between the panes, like Tab
  f1,   ///< help
  f10,
  function,  ///< another function key: its number in `key_event::ch`
  resize,  ///< the terminal changed size
  idle,       ///< nothing arrived within the input timeout
  interrupt,  ///< SIGINT or SIGTERM arrived: every screen cancels and the console quits
  other,   ///< a key no screen uses
};

/// One key press; `ch` is the code point of a `key::character`.
struct key_event {
  key code{key::other};
  char32_t ch{0};

  bool is(char32_t c) const noexcept { return code == key::character && ch == c; }
};

/// Shorthands for tests and key tables.
constexpr key_event press(key k) noexcept { return key_event{k, 0}; }
constexpr key_event type(char32_t c) noexcept { return key_event{key::character, c}; }

}  // namespace arbor::host::tui
