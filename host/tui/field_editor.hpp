#pragma once
// One line of text being typed, with a cursor. A secret field's text is masked when shown and
// lives in a buffer reserved once (so it is never copied by a reallocation) and wiped when the
// editor goes away.
#include "host/tui/keys.hpp"

#include <arbor/sdk/secret_text.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace arbor::host::tui {

/// What to draw for an editor in a given width: the visible text and the cursor's column in it.
struct editor_view {
  std::string text;
  std::size_t cursor{0};
};

class field_editor {
 public:
  /// Longest text accepted, in bytes; typing beyond it is refused.
  static constexpr std::size_t max_bytes = 1024;

  /// `masked`: a secret, shown as one '*' per character. `initial` is copied in.
  explicit field_editor(bool masked, std::string_view initial = {});
  ~field_editor();
  field_editor(const field_editor&) = delete;
  field_editor& operator=(const field_editor&) = delete;

  /// Applies an editing key (characters, Backspace, Delete, Left, Right, Home, End). False when
  /// the key is not an editing key, so the caller can use it (Tab, Enter, Up...).
  bool handle(const key_event& k);

  /// The text typed. Never draw it for a masked editor: use visible().
  std::string_view text() const noexcept { return buffer_; }
  bool masked() const noexcept { return masked_; }
  /// The cursor's position in characters from the start.
  std::size_t cursor() const noexcept;

  /// The part to show in `width` columns, scrolled so the cursor is inside, masked if secret.
  editor_view visible(std::size_t width) const;

  /// A copy of the text for the wizard runner; wipes itself like the editor does.
  sdk::secret_text secret() const { return sdk::secret_text(buffer_); }

  void clear() noexcept;
  /// Replaces the text (whole characters up to max_bytes) and puts the cursor at its end: a
  /// completed path.
  void set_text(std::string_view text);

 private:
  bool insert(char32_t c);
  void step_left() noexcept;
  void step_right() noexcept;

  std::string buffer_;
  std::size_t cursor_{0};  ///< byte offset, always at a code point boundary
  bool masked_;
};

}  // namespace arbor::host::tui
