#include "host/tui/details_model.hpp"

#include "host/tui/text.hpp"

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
  apply_local();
  // The first answer tells how many tables and notices share the pane; ask again if fewer rows fit.
  const std::size_t fit = fitting_rows();
  if (fit < window_.max_rows) {
    window_.max_rows = fit;
    last_ = fetch_(window_);
    apply_local();
  }
}

void details_model::apply_local() {
  if (!has_local() || !last_ || !last_->ok() || local_table_ >= last_->value().tables.size()) return;
  sdk::table& table = last_->value().tables[local_table_];
  const std::size_t first = std::min(window_.first, local_.size());
  const std::size_t end = std::min(local_.size(), first + window_.max_rows);
  table.rows.assign(local_.begin() + static_cast<std::ptrdiff_t>(first), local_.begin() + static_cast<std::ptrdiff_t>(end));
  table.total_rows = local_.size();
}

sdk::result<std::vector<std::vector<std::string>>> details_model::read_table(std::size_t table) const {
  std::vector<std::vector<std::string>> rows;
  for (;;) {
    auto got = fetch_(sdk::row_window{rows.size(), sort_chunk});
    if (!got) return got.error();
    if (table >= got.value().tables.size())
      return sdk::fail(sdk::reason::not_found, "The table to sort or filter is no longer in the details.");
    sdk::table& t = got.value().tables[table];
    const std::size_t total = std::max(t.total_rows, rows.size() + t.rows.size());
    if (total > sort_limit)
      return sdk::fail(sdk::reason::failed, "\"" + t.title + "\" has " + std::to_string(total) +
                                                " rows, more than the " + std::to_string(sort_limit) +
                                                " the console sorts or filters: it is shown in the plugin's order.");
    rows.insert(rows.end(), std::make_move_iterator(t.rows.begin()), std::make_move_iterator(t.rows.end()));
    if (t.rows.empty() || rows.size() >= t.total_rows) return rows;
  }
}

sdk::result<void> details_model::read_local(std::size_t table, std::optional<sort_order> order, std::string filter,
                                             bool read_again) {
  if (read_again || read_of_ != table) {
    auto read = read_table(table);
    if (!read) return read.error();
    rows_ = std::move(read.value());
    read_of_ = table;
  }
  std::vector<std::vector<std::string>> rows = rows_;
  if (!filter.empty())
    std::erase_if(rows, [&](const std::vector<std::string>& row) { return !row_matches(row, filter); });
  if (order) sort_rows(rows, order->column, order->descending);
  local_ = std::move(rows);
  local_table_ = table;
  sort_ = order;
  filter_ = std::move(filter);
  return {};
}

sdk::result<void> details_model::refresh_local(bool read_again) {
  if (!has_local()) return {};
  auto kept = read_local(local_table_, sort_, filter_, read_again);
  if (!kept) drop_local();
  return kept;
}

void details_model::drop_local() noexcept {
  sort_.reset();
  filter_.clear();
  local_.clear();
}

void details_model::forget_rows() noexcept {
  read_of_.reset();
  rows_.clear();
}

void details_model::open(fetcher source, std::size_t height) {
  fetch_ = std::move(source);
  height_ = height;
  window_ = sdk::row_window{0, rows_per_page(height, sdk::details_view{})};
  drop_local();
  forget_rows();
  fetch();
}

void details_model::close() {
  fetch_ = nullptr;
  last_.reset();
  window_ = {};
  drop_local();
  forget_rows();
}

sdk::result<void> details_model::sort_by(sort_order order) {
  const sdk::details_view* shown = view();
  if (shown == nullptr || order.table >= shown->tables.size() || order.column >= shown->tables[order.table].columns.size())
    return sdk::fail(sdk::reason::not_found, "There is no such column to sort by.");
  const bool same_table = has_local() && local_table_ == order.table;
  // Sorting is asked for once, not per key: the rows are read afresh.
  if (auto read = read_local(order.table, order, same_table ? filter_ : std::string{}, true); !read) return read;
  window_.first = 0;
  fetch();
  return {};
}

void details_model::unsort() {
  if (!filter_.empty()) sort_.reset();
  else drop_local();
  if (!is_open()) return;
  static_cast<void>(refresh_local(false));  // a failure drops the filter too: the plugin's order, every row
  window_.first = 0;
  fetch();
}

sdk::result<void> details_model::filter_by(std::size_t table, std::string text) {
  const sdk::details_view* shown = view();
  if (shown == nullptr || table >= shown->tables.size())
    return sdk::fail(sdk::reason::not_found, "There is no table to filter.");
  const bool same_table = has_local() && local_table_ == table;
  if (text.empty() && !(same_table && sort_)) {
    drop_local();
  } else if (auto read = read_local(table, same_table ? sort_ : std::nullopt, std::move(text), false); !read) {
    return read;
  }
  window_.first = 0;
  fetch();
  return {};
}

void details_model::resize(std::size_t height) {
  height_ = height;
  if (!is_open() || fitting_rows() == window_.max_rows) return;
  window_.max_rows = rows_per_page(height, sdk::details_view{});
  fetch();
}

sdk::result<void> details_model::reload() {
  if (!is_open()) return {};
  forget_rows();  // after a task: what the plugin holds now, for the filter typed next too
  sdk::result<void> kept = refresh_local(true);
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
