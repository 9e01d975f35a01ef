#pragma once
// The details pane's data: the view of the selected node, fetched one page of rows at a time
// (row_window), never the whole list, and paged with PgUp / PgDn.
#include <arbor/sdk/error.hpp>
#include <arbor/sdk/node.hpp>

#include <cstddef>
#include <functional>
#include <optional>

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
  /// Fetches the same window again (after a task changed the data).
  void reload();

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
  std::size_t fitting_rows() const;
  std::size_t most_rows() const noexcept;

  fetcher fetch_;
  std::size_t height_{0};
  sdk::row_window window_{};
  std::optional<sdk::result<sdk::details_view>> last_;
};

}  // namespace arbor::host::tui
