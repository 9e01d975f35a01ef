#pragma once
// A vertical menu with section headings that the selection skips: the context menu of a node
// ("All Tasks", "Properties") and any other list of choices.
#include "host/console/menu_slots.hpp"
#include "host/tui/keys.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace arbor::host::tui {

/// One line of a menu: a heading, or an entry that carries the index of what it stands for.
struct menu_line {
  std::string label;
  bool heading{false};
  std::size_t tag{0};
};

/// What a key did to a menu. Zero is deliberately unused.
enum class menu_action : unsigned char { none = 1, chosen, closed };

class menu_model {
 public:
  /// Selects the first entry that is not a heading.
  menu_model(std::string title, std::vector<menu_line> lines);

  /// Up / Down / Home / End (PgUp / PgDn) move over the entries; Enter chooses; Esc, Left and 'q'
  /// close; another letter selects the next entry that starts with it.
  menu_action handle(const key_event& k);

  /// Selects line `line` unless it is a heading or past the end.
  void select(std::size_t line) noexcept;

  const std::string& title() const noexcept { return title_; }
  const std::vector<menu_line>& lines() const noexcept { return lines_; }
  /// Index of the selected line, or nothing when the menu has no entries.
  std::optional<std::size_t> selected_line() const noexcept { return selected_; }
  /// The tag of the selected entry.
  std::optional<std::size_t> selected_tag() const;

 private:
  /// Moves `steps` entries (negative: up), stopping at the first and last entry.
  void move(int steps);
  /// Selects the next entry after the selected one (wrapping) whose label starts with the ASCII
  /// letter `c`, in either case; nothing changes when none does.
  void jump_to(char32_t c);

  std::string title_;
  std::vector<menu_line> lines_;
  std::optional<std::size_t> selected_;
};

/// A node's context menu with its entries in one list; a line's tag indexes `entries`.
struct context_menu {
  menu_model model;
  std::vector<menu_entry> entries;
};

/// The "All Tasks" entries under their heading, then the "Properties" tabs under theirs; a
/// slot without entries gets no heading. `note`, when given, returns text shown after an
/// entry's label (such as "(2 selected)").
context_menu make_context_menu(const std::string& node_name, const node_menu& menu,
                               const std::function<std::string(const menu_entry&)>& note = {});

}  // namespace arbor::host::tui
