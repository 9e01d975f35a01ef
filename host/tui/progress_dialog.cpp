#include "host/tui/progress_dialog.hpp"

#include "host/tui/draw.hpp"
#include "host/tui/key_input.hpp"
#include "host/tui/progress_bar.hpp"

#include <algorithm>

namespace arbor::host::tui {

void progress_dialog::begin(std::string_view label, std::uint64_t total) {
  label_ = label;
  note_.clear();
  total_ = total;
  done_ = 0;
  active_ = true;
  cancel_requested_ = false;
  log_.write(sdk::log_level::info, "Step: " + label_ + (total_ > 0 ? " (" + std::to_string(total_) + ")" : ""));
  draw();
}

void progress_dialog::advance(std::uint64_t done, std::string_view note) {
  done_ = done;
  note_ = note;
  poll_keys();
  draw();
}

bool progress_dialog::cancelled() const {
  poll_keys();
  return cancel_requested_;
}

void progress_dialog::end() {
  if (!active_) return;
  active_ = false;
  std::string line = (cancel_requested_ ? "Step stopped: " : "Step done: ") + label_;
  if (total_ > 0) line += " (" + std::to_string(done_) + " of " + std::to_string(total_) + ")";
  log_.write(sdk::log_level::info, line);
}

void progress_dialog::poll_keys() const {
  for (;;) {
    const key_event k = read_key(0);
    if (k.code == key::idle) return;
    if (k.code == key::escape || k.is(U'c') || k.code == key::interrupt) {
      if (!cancel_requested_) {
        cancel_requested_ = true;
        draw();
      }
      if (k.code == key::interrupt) return;  // stays set: reading again would spin
    }
    if (k.code == key::resize) {
      clear_screen();
      draw();
    }
  }
}

void progress_dialog::draw() const {
  if (!active_) return;
  const int width = std::max(std::min(screen_cols() - 4, 70), 20);
  const int y = std::max((screen_rows() - 7) / 2, 0);
  const int x = std::max((screen_cols() - width) / 2, 0);
  frame(y, x, 7, width, "Working");
  put(y + 1, x + 2, label_, width - 4, style::title);
  const std::string count = " " + progress_count(done_, total_);
  const int bar_cells = std::max(width - 6 - static_cast<int>(count.size()), 4);
  put(y + 2, x + 2, progress_bar(done_, total_, static_cast<std::size_t>(bar_cells)) + count, width - 4, style::normal);
  put(y + 3, x + 2, note_, width - 4, style::hint);
  put(y + 5, x + 2, cancel_requested_ ? "Cancelling: the task stops at the next safe point..." : "Esc or c: cancel",
      width - 4, cancel_requested_ ? style::notice : style::hint);
  put(screen_rows() - 1, 0, " Esc or c cancel the task", screen_cols(), style::hint, true);  // only these keys work now
  place_cursor(-1, 0);
  flush();
}

}  // namespace arbor::host::tui
