#include "host/tui/option_list.hpp"

#include "host/console/row_order.hpp"

#include "host/tui/text.hpp"
#include "host/tui/viewport.hpp"

#include <algorithm>

namespace arbor::host::tui {

option_list::option_list(std::vector<std::string> options, bool single)
    : options_(std::move(options)), checked_(options_.size(), false), single_(single),
      search_(std::make_unique<field_editor>(false)) {
  apply_search();
}

void option_list::check(const std::vector<std::string>& wanted) {
  for (std::size_t i = 0; i < options_.size(); ++i)
    if (std::find(wanted.begin(), wanted.end(), options_[i]) != wanted.end()) checked_[i] = true;
  auto first = std::find(checked_.begin(), checked_.end(), true);
  if (first != checked_.end()) highlight_ = static_cast<std::size_t>(first - checked_.begin());
  follow();
}

std::size_t option_list::checked_count() const noexcept {
  return static_cast<std::size_t>(std::count(checked_.begin(), checked_.end(), true));
}

std::vector<std::string> option_list::chosen() const {
  std::vector<std::string> values;
  for (std::size_t i = 0; i < options_.size(); ++i)
    if (checked_[i]) values.push_back(options_[i]);
  return values;
}

std::optional<std::size_t> option_list::highlighted_row() const noexcept {
  auto at = std::lower_bound(shown_.begin(), shown_.end(), highlight_);  // shown_ is in ascending order
  if (at == shown_.end() || *at != highlight_) return std::nullopt;
  return static_cast<std::size_t>(at - shown_.begin());
}

void option_list::set_rows(std::size_t rows) noexcept {
  rows_ = std::max<std::size_t>(rows, 1);
  follow();
}

list_key option_list::handle(const key_event& k) {
  if (typing_ && k.code != key::up && k.code != key::down && !k.is(U' ')) return on_search_key(k);
  if (k.code == key::up || k.code == key::down) return move(k.code == key::up ? -1 : 1);
  if (k.is(U' ')) {
    toggle();
    return list_key::used;
  }
  if (k.is(U'/')) {
    typing_ = true;
    return list_key::used;
  }
  if (k.code == key::escape && filtered()) {
    search_->clear();
    apply_search();
    return list_key::used;
  }
  return list_key::unused;
}

list_key option_list::on_search_key(const key_event& k) {
  if (k.code == key::enter || (k.code == key::backspace && !filtered())) {
    typing_ = false;
    return list_key::used;
  }
  if (k.code == key::escape) {
    typing_ = false;
    search_->clear();
  } else if (!search_->handle(k)) {
    return list_key::unused;
  }
  apply_search();
  return list_key::used;
}

list_key option_list::move(int direction) {
  const auto row = highlighted_row();
  if (!row) return direction < 0 ? list_key::leave_up : list_key::leave_down;
  if (direction < 0 && *row == 0) return list_key::leave_up;
  if (direction > 0 && *row + 1 >= shown_.size()) return list_key::leave_down;
  highlight_ = shown_[direction < 0 ? *row - 1 : *row + 1];
  follow();
  return list_key::used;
}

void option_list::toggle() {
  if (!highlighted_row()) return;  // nothing matches: nothing to check
  const bool now = !checked_[highlight_];
  if (single_) std::fill(checked_.begin(), checked_.end(), false);
  checked_[highlight_] = single_ || now;  // a radio list stays selected
}

/// Shows the options matching the search; the highlight stays on its option while that one
/// matches, else moves to the first match.
void option_list::apply_search() {
  shown_.clear();
  for (std::size_t i = 0; i < options_.size(); ++i)
    if (contains_folded(options_[i], search_->text())) shown_.push_back(i);
  if (!highlighted_row() && !shown_.empty()) highlight_ = shown_.front();
  follow();
}

void option_list::follow() noexcept {
  const auto row = highlighted_row();
  top_ = row ? scroll_to_show(top_, *row, rows_, shown_.size()) : 0;
}

}  // namespace arbor::host::tui
