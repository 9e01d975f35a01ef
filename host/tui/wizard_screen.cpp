#include "host/tui/wizard_screen.hpp"

#include "host/console/wizard_runner.hpp"
#include "host/tui/dialogs.hpp"
#include "host/tui/draw.hpp"
#include "host/tui/help_lines.hpp"
#include "host/tui/key_input.hpp"
#include "host/tui/line_view.hpp"
#include "host/tui/page_layout.hpp"
#include "host/tui/text.hpp"
#include "host/tui/viewport.hpp"

#include <algorithm>
#include <string>

namespace arbor::host::tui {
namespace {

/// Rows between the title and the buttons.
int body_rows() { return std::max(screen_rows() - 6, 1); }

/// Options a list shows at once: the rest of the body once its label, search line, "more above"
/// and "more below" lines and one line of help are in, so the whole list fits on the screen.
std::size_t list_rows() { return static_cast<std::size_t>(std::max(body_rows() - 5, 1)); }

std::string key_help(const page_form& form) {
  const option_list* list = form.focused_list();
  if (list != nullptr && list->typing())
    return " Type to search  Up/Down move  Space select  Enter done  Esc clear search  F1 help";
  const std::string enter = form.last() ? "Enter finish" : "Enter next";
  if (list != nullptr) return " Tab/Up/Down move  Space select  / search  " + enter + "  Esc cancel  F1/? help";
  if (form.takes_text()) return " Tab/Up/Down move  " + enter + "  Esc cancel  F1 help";
  return " Tab/Up/Down move  Space select  " + enter + "  Esc cancel  F1/? help";
}

/// The answers so far with the page's own replaced by what is typed on it now.
sdk::answers with_typed(const sdk::answers& so_far, const page_form& form) {
  sdk::answers answers = so_far;
  for (const field_input& input : form.inputs()) {
    answers.erase(form.page().id, input.field.id);
    const auto value = form.value(input.field);
    if (!value) continue;
    auto converted = to_answer(input.field, *value, false);
    if (converted) answers.set(form.page().id, input.field.id, std::move(converted).value());
  }
  return answers;
}

}  // namespace

void show_focused_help(const page_form& form) {
  const auto field = form.focused_field();
  const sdk::field* focused = field ? &form.inputs()[*field].field : nullptr;
  show_pager("Help: " + printable(focused ? focused->label : form.page().title),
             [&](std::size_t width) { return field_help(form.page(), focused, width); });
  clear_screen();
}

sdk::result<void> wizard_screen::check(const sdk::wizard_spec& spec) {
  title_ = spec.title;
  page_ids_.clear();
  for (const sdk::page& page : spec.pages) page_ids_.push_back(page.id);
  shown_.clear();
  return {};
}

sdk::result<page_step> wizard_screen::show(const sdk::page& page, const sdk::answers& so_far,
                                           const sdk::error* problem, bool finishes) {
  if (shown_.empty() || shown_.back() != page.id) shown_.push_back(page.id);
  // The same page again, now finishing: its Next found that no later page applies.
  notice_ = form_ && form_->page().id == page.id && !form_->last() && finishes && problem == nullptr
                ? "No later page applies to these answers: Finish runs the task."
                : "";
  // A refused page keeps what was typed; any other visit starts from the answers so far.
  if (!(problem != nullptr && form_ && form_->page().id == page.id)) {
    form_ = std::make_unique<page_form>(page, so_far, shown_.size() > 1, finishes);
    info_refreshed_ = false;
  }

  const std::size_t seen = form_->changes();
  using clock = std::chrono::steady_clock;
  std::size_t refreshed_at = seen;  // the value changes the plugin has seen
  bool edited = false;  // a change not yet shown to the plugin, made at edited_at
  clock::time_point edited_at{};
  for (;;) {
    form_->set_list_rows(list_rows());  // the terminal may have changed size
    if (form_->changes() != seen) problem = nullptr;  // the refusal was about the old values
    draw(problem);
    int wait_ms = 250;
    if (edited) {
      const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - edited_at);
      wait_ms = static_cast<int>(std::max<std::chrono::milliseconds::rep>((refresh_pause_ - waited).count(), 0));
    }
    const key_event k = read_key(wait_ms);
    if (k.code == key::idle && edited && clock::now() - edited_at >= refresh_pause_) {
      edited = false;
      refresh_page(so_far);
      continue;
    }
    if (k.code == key::interrupt) {
      interrupted_ = true;
      return page_step::cancel;
    }
    if (k.code == key::resize) clear_screen();
    if (k.code == key::f1 || (k.is(U'?') && !form_->takes_text())) {
      show_focused_help(*form_);
      continue;
    }
    switch (form_->handle(k)) {
      case form_action::none:
        if (form_->changes() != refreshed_at) {
          refreshed_at = form_->changes();
          edited = live_pages_;
          edited_at = clock::now();
        }
        break;
      case form_action::cancel:
        // Past the first page the operator has answers to lose: ask, the safe answer being No.
        if (shown_.size() > 1 && !ask_yes_no("Cancel " + title_ + " and discard the answers given so far?")) break;
        return page_step::cancel;
      case form_action::back:
        shown_.pop_back();
        return page_step::back;
      case form_action::next:
        draw_working();
        return page_step::next;
    }
  }
}

std::optional<raw_value> wizard_screen::value(const sdk::page& page, const sdk::field& field) {
  if (!form_ || form_->page().id != page.id) return std::nullopt;
  return form_->value(field);
}

std::optional<sdk::secret_text> wizard_screen::secret(const sdk::page& page, const sdk::field& field) {
  if (!form_ || form_->page().id != page.id) return std::nullopt;
  return form_->secret(field);
}

void wizard_screen::draw(const sdk::error* problem) const {
  const int rows = screen_rows();
  const int cols = screen_cols();
  const int body_top = 2;
  const int body_height = body_rows();
  const auto width = static_cast<std::size_t>(std::max(cols - 4, 1));
  const page_layout layout = layout_page(*form_, problem, width);

  // Scroll so the focused field (label, input, help) is in view, and above all a list's
  // highlighted option.
  const auto scrolled = [&](std::size_t height) {
    std::size_t first = scroll_to_show(0, layout.focus_line, height, layout.lines.size());
    first = scroll_to_show(first, layout.focus_end, height, layout.lines.size());
    if (layout.highlight_line) first = scroll_to_show(first, *layout.highlight_line, height, layout.lines.size());
    return first;
  };
  std::size_t first = scrolled(static_cast<std::size_t>(body_height));
  // Info lines a live refresh changed stay in sight above the field being typed (a third of
  // the body at most).
  std::size_t pinned = 0;
  if (info_refreshed_ && first > layout.info_begin) {
    pinned = std::min(layout.info_end - layout.info_begin, static_cast<std::size_t>(body_height / 3));
    first = scrolled(static_cast<std::size_t>(body_height) - pinned);
  }

  clear_screen();
  const std::size_t position = static_cast<std::size_t>(
      std::find(page_ids_.begin(), page_ids_.end(), form_->page().id) - page_ids_.begin());
  put(0, 0, " " + title_ + "  -  page " + std::to_string(position + 1) + " of " + std::to_string(page_ids_.size()), cols,
      style::selected, true);
  const int pin_rows = static_cast<int>(pinned);
  draw_lines(styled_lines(layout.lines.begin() + static_cast<std::ptrdiff_t>(layout.info_begin),
                          layout.lines.begin() + static_cast<std::ptrdiff_t>(layout.info_begin + pinned)),
             0, body_top, 2, pin_rows, static_cast<int>(width));
  draw_lines(layout.lines, first, body_top + pin_rows, 2, body_height - pin_rows, static_cast<int>(width));

  int x = 2;
  for (const styled_line& button : button_row(*form_)) {
    put(rows - 3, x, button.text, cols - x, button.style);
    x += static_cast<int>(button.text.size()) + 2;
  }
  const std::string& status = form_->status().empty() ? notice_ : form_->status();
  if (!status.empty()) put(rows - 2, 2, status, cols - 4, style::notice, true);
  put(rows - 1, 0, key_help(*form_), cols, style::hint, true);
  if (layout.cursor && layout.cursor->first >= first &&
      layout.cursor->first < first + static_cast<std::size_t>(body_height - pin_rows))
    place_cursor(body_top + pin_rows + static_cast<int>(layout.cursor->first - first),
                 2 + static_cast<int>(layout.cursor->second));
  else
    place_cursor(-1, 0);
  flush();
}

void wizard_screen::refresh_page(const sdk::answers& so_far) {
  // A page that asks a secret is a login: preparing it again mid-typing only costs (a lock, a
  // lookup) and shows nothing new.
  if (!refresh_ || !live_pages_ || asks_secret(form_->page())) return;
  const auto started = std::chrono::steady_clock::now();
  auto again = refresh_(with_typed(so_far, *form_));
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  // A slow prepare() is asked less often, so typing stays responsive: twice its time, up to 2 s.
  refresh_pause_ = std::clamp(2 * took, std::chrono::milliseconds(150), std::chrono::milliseconds(2000));
  if (again && form_->refresh(again.value())) info_refreshed_ = true;  // a failed refresh keeps what is shown
}

void wizard_screen::draw_working() const {
  put(screen_rows() - 2, 2, "Checking the answers...", screen_cols() - 4, style::notice, true);
  place_cursor(-1, 0);
  flush();
}

}  // namespace arbor::host::tui
