#include "tui/details_model.hpp"

#include <algorithm>
#include <vector>

namespace arbor::host::tui {

std::size_t details_model::rows_per_page(std::size_t height, const sdk::details_view& view) {
  const std::size_t notices = view.notices.size();
  const std::size_t chrome = notices + (notices ? 1 : 0) + 3 * std::max<std::size_t>(view.tables.size(), 1);
  std::size_t room = height > chrome ? height - chrome : 0;
  std::vector<std::size_t> totals;
  for (const sdk::table& t : view.tables) totals.push_back(std::max(t.total_rows, t.rows.size()));
  std::sort(totals.begin(), totals.end());
  std::size_t sharing = std::max<std::size_t>(totals.size(), 1);
  for (std::size_t total : totals) {  // shortest first: each that fits gives back what it leaves
    if (sharing == 1 || total > room / sharing) break;
    room -= total;
    --sharing;
  }
  return std::max<std::size_t>(room / sharing, 1);
}

std::size_t details_model::fitting_rows() const {
  const sdk::details_view* v = view();
  return rows_per_page(height_, v ? *v : sdk::details_view{});
}

std::size_t details_model::most_rows() const noexcept {
  const sdk::details_view* v = view();
  std::size_t most = 0;
  if (v)
    for (const sdk::table& t : v->tables) most = std::max({most, t.total_rows, t.rows.size()});
  return most;
}

void details_model::fetch() {
  last_ = fetch_(window_);
  // The first answer tells how many tables and notices share the pane; ask again if fewer rows fit.
  const std::size_t fit = fitting_rows();
  if (fit < window_.max_rows) {
    window_.max_rows = fit;
    last_ = fetch_(window_);
  }
}

void details_model::open(fetcher source, std::size_t height) {
  fetch_ = std::move(source);
  height_ = height;
  window_ = sdk::row_window{0, rows_per_page(height, sdk::details_view{})};
  fetch();
}

void details_model::close() {
  fetch_ = nullptr;
  last_.reset();
  window_ = {};
}

void details_model::resize(std::size_t height) {
  height_ = height;
  if (!is_open() || fitting_rows() == window_.max_rows) return;
  window_.max_rows = rows_per_page(height, sdk::details_view{});
  fetch();
}

void details_model::reload() {
  if (is_open()) fetch();
}

bool details_model::page_down() {
  if (!is_open() || window_.first + window_.max_rows >= most_rows()) return false;
  window_.first += window_.max_rows;
  fetch();
  return true;
}

bool details_model::page_up() {
  if (!is_open() || window_.first == 0) return false;
  window_.first -= std::min(window_.first, window_.max_rows);
  fetch();
  return true;
}

const sdk::details_view* details_model::view() const noexcept {
  return last_ && last_->ok() ? &last_->value() : nullptr;
}

const sdk::error* details_model::error() const noexcept {
  return last_ && !last_->ok() ? &last_->error() : nullptr;
}

}  // namespace arbor::host::tui
