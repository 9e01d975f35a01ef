#pragma once
// A choice or multi-select list on a wizard page: which options are checked (one at most for a
// choice), the highlighted one, a search that narrows the options shown to those whose text
// contains it (ignoring ASCII case), and the window of rows the list scrolls in. Checks belong to
// the options, not to what is shown, so a search never loses one.
#include "host/tui/field_editor.hpp"
#include "host/tui/keys.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace arbor::host::tui {

/// What a key did to a list. Zero is deliberately unused.
enum class list_key : unsigned char {
  used = 1,
  leave_up,    ///< Up on the first option shown: the focus moves to the field before
  leave_down,  ///< Down on the last option shown: the focus moves on
  unused,      ///< not a list key: the page handles it (Tab, Enter, Esc without a search...)
};

class option_list {
 public:
  /// Rows a list shows until the screen says how many fit.
  static constexpr std::size_t default_rows = 10;

  /// `single`: a choice, where checking one option unchecks the others.
  option_list(std::vector<std::string> options, bool single);

  /// Checks the options whose value is in `wanted` and highlights the first of them.
  void check(const std::vector<std::string>& wanted);

  /// '/' starts typing the search; while typing, characters (but Space) edit it, Backspace on
  /// an empty search and Enter stop typing (the search stays). Esc clears a search. Up / Down
  /// move over the options shown, Space checks or unchecks the highlighted one.
  list_key handle(const key_event& k);
  /// Ends typing the search, keeping it: the focus left the list.
  void stop_typing() noexcept { typing_ = false; }

  /// How many options the window shows; it scrolls to keep the highlighted one inside.
  void set_rows(std::size_t rows) noexcept;

  const std::vector<std::string>& options() const noexcept { return options_; }
  bool single() const noexcept { return single_; }
  bool checked(std::size_t option) const noexcept { return checked_[option]; }
  std::size_t checked_count() const noexcept;
  /// The checked options' values, in the declared order.
  std::vector<std::string> chosen() const;

  /// The options the search lets through (all of them without one), as indexes, in order.
  const std::vector<std::size_t>& shown() const noexcept { return shown_; }
  /// Where the highlight is in shown(); nothing when no option matches.
  std::optional<std::size_t> highlighted_row() const noexcept;
  /// The first row of shown() in the window, and how many rows the window has.
  std::size_t top() const noexcept { return top_; }
  std::size_t rows() const noexcept { return rows_; }

  /// The search typed so far (never masked), with its cursor.
  const field_editor& search() const noexcept { return *search_; }
  bool typing() const noexcept { return typing_; }
  bool filtered() const noexcept { return !search_->text().empty(); }

 private:
  list_key on_search_key(const key_event& k);
  list_key move(int direction);
  void toggle();
  void apply_search();
  void follow() noexcept;

  std::vector<std::string> options_;
  std::vector<bool> checked_;
  bool single_;
  std::unique_ptr<field_editor> search_;  ///< an editor cannot move; the list can
  bool typing_{false};
  std::vector<std::size_t> shown_;
  std::size_t highlight_{0};  ///< an index into options_, kept while it matches the search
  std::size_t top_{0};
  std::size_t rows_{default_rows};
};

}  // namespace arbor::host::tui
