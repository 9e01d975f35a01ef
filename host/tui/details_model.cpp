#include "host/tui/details_model.hpp"

#include <algorithm>
#include <iterator>
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
  apply_sort();
  // The first answer tells how many tables and notices share the pane; ask again if fewer rows fit.
  const std::size_t fit = fitting_rows();
  if (fit < window_.max_rows) {
    window_.max_rows = fit;
    last_ = fetch_(window_);
    apply_sort();
  }
}

void details_model::apply_sort() {
  if (!sort_ || !last_ || !last_->ok() || sort_->table >= last_->value().tables.size()) return;
  sdk::table& table = last_->value().tables[sort_->table];
  const std::size_t first = std::min(window_.first, sorted_.size());
  const std::size_t end = std::min(sorted_.size(), first + window_.max_rows);
  table.rows.assign(sorted_.begin() + static_cast<std::ptrdiff_t>(first), sorted_.begin() + static_cast<std::ptrdiff_t>(end));
  table.total_rows = sorted_.size();
}

sdk::result<std::vector<std::vector<std::string>>> details_model::read_table(std::size_t table) const {
  std::vector<std::vector<std::string>> rows;
  for (;;) {
    auto got = fetch_(sdk::row_window{rows.size(), sort_chunk});
    if (!got) return got.error();
    if (table >= got.value().tables.size())
      return sdk::fail(sdk::reason::not_found, "The table to sort is no longer in the details.");
    sdk::table& t = got.value().tables[table];
    const std::size_t total = std::max(t.total_rows, rows.size() + t.rows.size());
    if (total > sort_limit)
      return sdk::fail(sdk::reason::failed, "\"" + t.title + "\" has " + std::to_string(total) +
                                                " rows, more than the " + std::to_string(sort_limit) +
                                                " the console sorts: it is shown in the plugin's order.");
    rows.insert(rows.end(), std::make_move_iterator(t.rows.begin()), std::make_move_iterator(t.rows.end()));
    if (t.rows.empty() || rows.size() >= t.total_rows) return rows;
  }
}

sdk::result<void> details_model::read_sorted(sort_order order) {
  auto rows = read_table(order.table);
  if (!rows) return rows.error();
  sort_rows(rows.value(), order.column, order.descending);
  sorted_ = std::move(rows.value());
  sort_ = order;
  return {};
}

void details_model::drop_sort() noexcept {
  sort_.reset();
  sorted_.clear();
}

void details_model::open(fetcher source, std::size_t height) {
  fetch_ = std::move(source);
  height_ = height;
  window_ = sdk::row_window{0, rows_per_page(height, sdk::details_view{})};
  drop_sort();
  fetch();
}

void details_model::close() {
  fetch_ = nullptr;
  last_.reset();
  window_ = {};
  drop_sort();
}

sdk::result<void> details_model::sort_by(sort_order order) {
  const sdk::details_view* shown = view();
  if (shown == nullptr || order.table >= shown->tables.size() || order.column >= shown->tables[order.table].columns.size())
    return sdk::fail(sdk::reason::not_found, "There is no such column to sort by.");
  if (auto read = read_sorted(order); !read) return read;
  window_.first = 0;
  fetch();
  return {};
}

void details_model::unsort() {
  drop_sort();
  if (!is_open()) return;
  window_.first = 0;
  fetch();
}

void details_model::resize(std::size_t height) {
  height_ = height;
  if (!is_open() || fitting_rows() == window_.max_rows) return;
  window_.max_rows = rows_per_page(height, sdk::details_view{});
  fetch();
}

sdk::result<void> details_model::reload() {
  if (!is_open()) return {};
  sdk::result<void> kept;
  if (sort_) kept = read_sorted(*sort_);
  if (!kept) drop_sort();
  fetch();
  return kept;
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
