#include "host/tui/property_sheet.hpp"

#include "host/tui/draw.hpp"
#include "host/tui/key_input.hpp"
#include "host/tui/line_view.hpp"
#include "host/tui/outcome_log.hpp"
#include "host/tui/page_layout.hpp"
#include "host/tui/summary_lines.hpp"
#include "host/tui/text.hpp"
#include "host/tui/viewport.hpp"

#include <algorithm>
#include <limits>
#include <utility>

namespace arbor::host::tui {
namespace {

/// One field of the sheet's combined page: the ids of both pages can repeat, so "page.field".
std::string sheet_id(const sdk::page& page, const sdk::field& field) { return sdk::answers::key(page.id, field.id); }

/// Every field of `pages` on one page, so one form moves over all of them.
sdk::page combined(const std::string& title, const std::vector<sdk::page>& pages) {
  sdk::page all{"sheet", title, {}, {}, {}, false};
  for (const sdk::page& page : pages) {
    if (all.description.empty()) all.description = page.description;
    for (const std::string& info : page.info) all.info.push_back(info);
    for (sdk::field field : page.fields) {
      field.id = sheet_id(page, field);
      if (pages.size() > 1) field.label = page.title + ": " + field.label;
      all.fields.push_back(std::move(field));
    }
  }
  return all;
}

/// OK, Apply, Cancel in the form's button slots (back, next, cancel), with their styles.
std::vector<styled_line> sheet_buttons(const page_form& form) {
  std::vector<styled_line> pieces = button_row(form);
  const char* labels[] = {"[ OK ]", "[ Apply ]", "[ Cancel ]"};
  for (std::size_t i = 0; i < pieces.size() && i < std::size(labels); ++i) pieces[i].text = labels[i];
  return pieces;
}

const char* sheet_key_help(const page_form& form) {
  if (form.takes_text()) return " Tab/Up/Down move  Enter apply  Esc cancel  PgUp/PgDn scroll  F1 help";
  return " Tab/Up/Down move  Space select  Enter apply  Esc cancel  PgDn scroll  F1/? help";
}

wizard_outcome closed(std::string message) {
  wizard_outcome outcome;
  outcome.end = wizard_end::cancelled;
  outcome.error = sdk::fail(sdk::reason::cancelled, std::move(message));
  return outcome;
}

}  // namespace

/// The sheet's form as the runner's answer source: (page, field) read from the combined field.
class property_sheet::form_values final : public answer_source {
 public:
  form_values(const page_form& form, const bool& interrupted) : form_(form), interrupted_(interrupted) {}
  sdk::result<void> check(const sdk::wizard_spec&) override { return {}; }
  sdk::result<page_step> show(const sdk::page&, const sdk::answers&, const sdk::error*, bool) override {
    return page_step::next;
  }
  sdk::result<void> skipped(const sdk::page&) override { return {}; }
  std::optional<raw_value> value(const sdk::page& page, const sdk::field& field) override {
    return form_.value(as_shown(page, field));
  }
  std::optional<sdk::secret_text> secret(const sdk::page& page, const sdk::field& field) override {
    return form_.secret(as_shown(page, field));
  }
  std::string secret_hint() const override { return "Type it in the field; it is shown as '*'."; }
  bool may_retry() const override { return false; }
  bool cancelled() const override { return interrupted_; }

 private:
  static sdk::field as_shown(const sdk::page& page, sdk::field field) {
    field.id = sheet_id(page, field);
    return field;
  }
  const page_form& form_;
  const bool& interrupted_;
};

property_sheet::property_sheet(sdk::wizard& wizard, std::string title,
                               const std::vector<std::pair<std::string, std::string>>& presets, sdk::log& log)
    : walk_(wizard, presets), title_(std::move(title)), log_(log) {}

bool property_sheet::prepare() {
  if (auto stop = walk_.prepare()) {
    stopped_ = std::move(stop);
    return false;
  }
  form_ = std::make_unique<page_form>(combined(title_, walk_.pages()), sdk::answers{}, true, true);
  return true;
}

bool property_sheet::apply() {
  put(screen_rows() - 2, 2, "Applying...", screen_cols() - 4, style::notice, true);
  flush();
  if (auto still = walk_.login_still_valid(); !still) {
    clear_screen();
    problem_ = std::move(still.error());
    return false;
  }
  form_values values(*form_, interrupted_);
  wizard_outcome outcome = walk_.apply(values);
  clear_screen();
  log_outcome(log_, title_, outcome);
  if (outcome.end == wizard_end::plugin_failed) stopped_ = outcome;
  if (outcome.end != wizard_end::completed) {
    problem_ = std::move(outcome.error);  // the form keeps what was typed
    return false;
  }
  values_ = std::move(outcome.summary);
  problem_.reset();
  applied_ = applied_ || !form_->inputs().empty();  // a sheet without fields only read its values
  if (!prepare()) return false;
  // Focus on Apply, as after a click on it, and show the values the run reported at the end.
  if (!form_->inputs().empty())  // without fields the form starts on Apply
    for (std::size_t i = 0; i <= form_->inputs().size(); ++i) form_->handle(press(key::tab));
  scroll_ = std::numeric_limits<std::size_t>::max();
  return true;
}

wizard_outcome property_sheet::run(wizard_screen& login) {
  if (auto stop = walk_.open(login)) return std::move(*stop);
  clear_screen();
  if (!prepare()) return *stopped_;
  const bool read_only = form_->inputs().empty();
  if (read_only) {
    if (!apply() && stopped_) return *stopped_;
    scroll_ = 0;  // read from the top
  }

  for (;;) {
    form_->set_list_rows(static_cast<std::size_t>(std::max(screen_rows() - 11, 1)));
    draw();
    const key_event k = read_key();
    if (k.code == key::interrupt) {
      interrupted_ = true;
      return closed("interrupted; nothing more was changed.");
    }
    if (k.code == key::resize) clear_screen();
    if (k.code == key::f1 || (k.is(U'?') && !form_->takes_text())) {
      show_focused_help(*form_);
      continue;
    }
    if (k.code == key::page_up || k.code == key::page_down) {
      scroll(k.code == key::page_down ? 1 : -1);
      continue;
    }
    const form_action action = form_->handle(k);
    if (action == form_action::cancel && applied_) return wizard_outcome{wizard_end::completed, values_, {}, {}, {}};
    if (action == form_action::cancel) return closed(read_only ? "closed." : "closed; nothing was changed.");
    if (action == form_action::next || (action == form_action::back && !read_only)) {
      const bool done = apply();
      if (stopped_) return *stopped_;
      if (done && action == form_action::back) return wizard_outcome{wizard_end::completed, values_, {}, {}, {}};
    } else if (action == form_action::back) {
      return applied_ ? wizard_outcome{wizard_end::completed, values_, {}, {}, {}} : closed("closed.");
    }
  }
}

void property_sheet::scroll(int pages) {
  const auto page = static_cast<std::size_t>(std::max(screen_rows() - 6, 1));
  for (std::size_t i = 0; i <= form_->inputs().size() && !form_->focused_button(); ++i) form_->handle(press(key::tab));
  scroll_ = pages > 0 ? scroll_ + page : scroll_ - std::min(scroll_, page);  // draw() clamps it
}

void property_sheet::draw() const {
  const int rows = screen_rows();
  const int cols = screen_cols();
  const int body_top = 2;
  const int body_height = std::max(rows - 6, 1);
  const auto width = static_cast<std::size_t>(std::max(cols - 4, 1));
  page_layout layout = layout_page(*form_, problem_ ? &*problem_ : nullptr, width);
  if (form_->inputs().empty()) layout.lines.push_back({"Nothing on this tab can be changed here.", style::hint});
  if (values_) {
    layout.lines.push_back({});
    for (styled_line& line : summary_lines(*values_, width)) layout.lines.push_back(std::move(line));
  }

  const auto height = static_cast<std::size_t>(body_height);
  std::size_t first = scroll_to_show(0, layout.focus_line, height, layout.lines.size());
  first = scroll_to_show(first, layout.focus_end, height, layout.lines.size());
  if (layout.highlight_line) first = scroll_to_show(first, *layout.highlight_line, height, layout.lines.size());
  // With a button focused, PgUp / PgDn scroll (after an Apply the sheet starts at the end).
  const std::size_t last_first = layout.lines.size() > height ? layout.lines.size() - height : 0;
  if (form_->focused_button()) first = scroll_ = std::min(scroll_, last_first);

  clear_screen();
  put(0, 0, " " + printable(title_) + "  -  Properties", cols, style::selected, true);
  draw_lines(layout.lines, first, body_top, 2, body_height, static_cast<int>(width));
  int x = 2;
  for (const styled_line& button : sheet_buttons(*form_)) {
    put(rows - 3, x, button.text, cols - x, button.style);
    x += static_cast<int>(button.text.size()) + 2;
  }
  if (applied_ && !problem_) put(rows - 2, 2, "Applied. The fields show what is stored now.", cols - 4, style::success, true);
  put(rows - 1, 0, sheet_key_help(*form_), cols, style::hint, true);
  if (layout.cursor && layout.cursor->first >= first && layout.cursor->first < first + height)
    place_cursor(body_top + static_cast<int>(layout.cursor->first - first), 2 + static_cast<int>(layout.cursor->second));
  else
    place_cursor(-1, 0);
  flush();
}

}  // namespace arbor::host::tui
