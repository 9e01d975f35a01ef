#include "host/tui/field_editor.hpp"

#include "host/tui/text.hpp"

#include <algorithm>

namespace arbor::host::tui {

field_editor::field_editor(bool masked, std::string_view initial) : masked_(masked) {
  buffer_.reserve(max_bytes);
  set_text(initial);
}

void field_editor::set_text(std::string_view text) {
  std::size_t length = std::min(text.size(), max_bytes);
  while (length < text.size() && length > 0 && continuation(text[length])) --length;  // whole characters
  clear();
  buffer_.assign(text.substr(0, length));  // within the reserved capacity: no reallocation
  cursor_ = buffer_.size();
}

field_editor::~field_editor() { clear(); }

void field_editor::clear() noexcept {
  // Erasing leaves old bytes past the end: growing to the capacity zeroes them, then wipe the rest.
  buffer_.resize(buffer_.capacity());
  sdk::wipe_memory(buffer_.data(), buffer_.size());
  buffer_.clear();
  cursor_ = 0;
}

std::size_t field_editor::cursor() const noexcept { return columns(std::string_view(buffer_).substr(0, cursor_)); }

bool field_editor::insert(char32_t c) {
  if (c < 0x20 || c == 0x7F) return true;  // control characters never enter a field
  std::string bytes = encode_utf8(c);
  if (buffer_.size() + bytes.size() > max_bytes) return true;  // full: refused, still an editing key
  buffer_.insert(cursor_, bytes);  // within the reserved capacity: no reallocation
  cursor_ += bytes.size();
  sdk::wipe_memory(bytes.data(), bytes.size());
  return true;
}

void field_editor::step_left() noexcept {
  while (cursor_ > 0) {
    --cursor_;
    if (!continuation(buffer_[cursor_])) break;
  }
}

void field_editor::step_right() noexcept {
  if (cursor_ < buffer_.size()) ++cursor_;
  while (cursor_ < buffer_.size() && continuation(buffer_[cursor_])) ++cursor_;
}

bool field_editor::handle(const key_event& k) {
  switch (k.code) {
    case key::character: return insert(k.ch);
    case key::left: step_left(); return true;
    case key::right: step_right(); return true;
    case key::home: cursor_ = 0; return true;
    case key::end: cursor_ = buffer_.size(); return true;
    case key::backspace: {
      const std::size_t end = cursor_;
      step_left();
      buffer_.erase(cursor_, end - cursor_);
      return true;
    }
    case key::erase: {
      const std::size_t start = cursor_;
      step_right();
      buffer_.erase(start, cursor_ - start);
      cursor_ = start;
      return true;
    }
    default: return false;
  }
}

editor_view field_editor::visible(std::size_t width) const {
  const std::size_t length = columns(buffer_);
  const std::size_t at = cursor();
  // Keep one column for the cursor after the last character.
  const std::size_t first = (width == 0 || at < width) ? 0 : at - width + 1;
  editor_view view;
  view.cursor = at - first;
  const std::size_t shown = std::min(width, length - std::min(length, first));
  if (masked_) {
    view.text.assign(shown, '*');
  } else {
    std::string_view all(buffer_);
    const std::size_t from = byte_offset(all, first);
    view.text = std::string(clip(all.substr(from), shown));
  }
  return view;
}

}  // namespace arbor::host::tui
