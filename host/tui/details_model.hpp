#pragma once
// The details pane's data: the view of the selected node, fetched one page of rows at a time
// (row_window), never the whole list, and paged with PgUp / PgDn. Sorting and filtering are the
// exception: the SDK's row_window has no order and no filter, and sorting or filtering one page
// would misorder or miss rows, so a sorted or filtered table is read whole (up to sort_limit
// rows), sorted and filtered here, and paged from that copy. Both apply to one table at a time.
#include "host/console/row_order.hpp"

#include <arbor/sdk/error.hpp>
#include <arbor/sdk/node.hpp>

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace arbor::host::tui {

class details_model {
 public:
  /// Fetches a node's view for one window; the console wraps plugin_registry::details().
  using fetcher = std::function<sdk::result<sdk::details_view>(sdk::row_window)>;

  /// Shows a node: fetches its first page for a pane of `height` lines.
  void open(fetcher source, std::size_t height);
  /// Shows nothing (a folder is selected).
  void close();
  /// The pane's height changed: fetches again when a page now holds a different number of rows.
  void resize(std::size_t height);
  /// Fetches the same window again (after a task changed the data), and a sorted table whole.
  /// Fails when the sort could not be kept (the table grew past sort_limit, a read failed): the
  /// view is then shown in the plugin's order.
  sdk::result<void> reload();

  /// Most rows read to sort a table; a longer table is not sorted.
  static constexpr std::size_t sort_limit = 10000;
  /// Rows asked for per call while reading a table to sort it.
  static constexpr std::size_t sort_chunk = 500;

  /// Orders a table by a column across all its rows and shows the first page. Fails, keeping
  /// the current order, when the table does not exist, has more than sort_limit rows, or a read
  /// fails.
  sdk::result<void> sort_by(sort_order order);
  /// Back to the plugin's order.
  void unsort();
  /// The order in force, or nothing for the plugin's order.
  const std::optional<sort_order>& sorting() const noexcept { return sort_; }

  /// Shows only the rows of table `table` with a cell containing `text` (ignoring ASCII case),
  /// from the first page; an empty `text` shows every row again. Fails, keeping what is shown,
  /// like sort_by(). A sort of another table is dropped.
  sdk::result<void> filter_by(std::size_t table, std::string text);
  /// The filter in force (empty for none) and the table it applies to.
  const std::string& filter() const noexcept { return filter_; }
  std::size_t filtered_table() const noexcept { return local_table_; }

  /// The next / previous page of rows; false (and no fetch) at the end / start.
  bool page_down();
  bool page_up();

  bool is_open() const noexcept { return static_cast<bool>(fetch_); }
  /// The fetched view, or nullptr when closed or failed.
  const sdk::details_view* view() const noexcept;
  /// The error of the last fetch, or nullptr.
  const sdk::error* error() const noexcept;
  /// The window of the last fetch.
  sdk::row_window window() const noexcept { return window_; }

  /// Rows per table that fit in `height` lines with the notices and tables of `view` (each
  /// table has a title, a heading and a blank line): tables shorter than their share leave the
  /// rest to the longer ones. At least one.
  static std::size_t rows_per_page(std::size_t height, const sdk::details_view& view);

 private:
  void fetch();
  /// Puts the window's slice of the local copy (sorted, filtered) into the fetched view.
  void apply_local();
  /// Every row of table `table`, read in chunks.
  sdk::result<std::vector<std::vector<std::string>>> read_table(std::size_t table) const;
  /// Filters table `table` by `filter` and sorts it by `order` into local_, and makes them the
  /// ones in force; on failure changes nothing. The table's rows are read from the plugin when
  /// `read_again`, or when they were read for another table; otherwise the copy read last serves,
  /// so a filter typed key by key does not read the whole table per key.
  sdk::result<void> read_local(std::size_t table, std::optional<sort_order> order, std::string filter,
                               bool read_again);
  /// Makes the local copy again with the sort and filter in force; drops both when that fails.
  sdk::result<void> refresh_local(bool read_again);
  void forget_rows() noexcept;
  bool has_local() const noexcept { return sort_ || !filter_.empty(); }
  void drop_local() noexcept;
  std::size_t fitting_rows() const;
  std::size_t most_rows() const noexcept;

  fetcher fetch_;
  std::size_t height_{0};
  sdk::row_window window_{};
  std::optional<sdk::result<sdk::details_view>> last_;
  std::optional<sort_order> sort_;
  std::string filter_;
  std::size_t local_table_{0};                   ///< the table sort_ and filter_ apply to
  std::vector<std::vector<std::string>> local_;  ///< its rows, all of them, sorted and filtered
  std::optional<std::size_t> read_of_;           ///< the table rows_ were read from, if any
  std::vector<std::vector<std::string>> rows_;   ///< every row of it, as the plugin gave them
};

}  // namespace arbor::host::tui
