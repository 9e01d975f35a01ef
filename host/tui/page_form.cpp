#include "host/tui/page_form.hpp"

#include "host/console/answer_value.hpp"
#include "host/tui/path_completion.hpp"

#include <algorithm>

namespace arbor::host::tui {
namespace {

bool is_typed(sdk::field_kind kind) {
  return kind == sdk::field_kind::text || kind == sdk::field_kind::path || kind == sdk::field_kind::secret;
}

/// An input filled from an earlier answer if there is one, else from the field's default.
field_input make_input(const sdk::page& page, const sdk::field& field, const sdk::answers& so_far) {
  field_input input;
  input.field = field;
  const sdk::answer* earlier = so_far.find(page.id, field.id);
  switch (field.kind) {
    case sdk::field_kind::secret:
      input.editor = std::make_unique<field_editor>(true, earlier ? earlier->secret.view() : std::string_view{});
      break;
    case sdk::field_kind::text:
    case sdk::field_kind::path:
      input.editor = std::make_unique<field_editor>(false, earlier ? earlier->text : field.default_value);
      break;
    case sdk::field_kind::choice:
      input.list.emplace(field.options, true);
      input.list->check({earlier ? earlier->text : field.default_value});
      break;
    case sdk::field_kind::multi_select:
      input.list.emplace(field.options, false);
      if (earlier) input.list->check(earlier->items);
      else if (auto preset = to_answer(field, field.default_value, false); preset && !field.default_value.empty())
        input.list->check(preset.value().items);  // since SDK 1.2: the options checked at first
      break;
    case sdk::field_kind::confirmation:
      input.yes = earlier ? earlier->yes : field.default_value == "yes";
      break;
  }
  return input;
}

}  // namespace

page_form::page_form(const sdk::page& page, const sdk::answers& so_far, bool can_go_back, bool last)
    : page_(page), can_go_back_(can_go_back), last_(last) {
  for (const sdk::field& field : page_.fields) inputs_.push_back(make_input(page_, field, so_far));
  focus_ = inputs_.empty() ? inputs_.size() + 1 : 0;  // the first field, else Next
}

std::optional<std::size_t> page_form::focused_field() const noexcept {
  if (focus_ < inputs_.size()) return focus_;
  return std::nullopt;
}

std::optional<form_button> page_form::focused_button() const noexcept {
  if (focus_ < inputs_.size()) return std::nullopt;
  return static_cast<form_button>(focus_ - inputs_.size() + 1);
}

const option_list* page_form::focused_list() const noexcept {
  if (focus_ >= inputs_.size() || !inputs_[focus_].list) return nullptr;
  return &*inputs_[focus_].list;
}

bool page_form::takes_text() const noexcept {
  if (focus_ >= inputs_.size()) return false;
  const field_input& input = inputs_[focus_];
  return is_typed(input.field.kind) || (input.list && input.list->typing());
}

void page_form::set_list_rows(std::size_t rows) noexcept {
  for (field_input& input : inputs_)
    if (input.list) input.list->set_rows(rows);
}

bool page_form::focusable(std::size_t slot) const noexcept {
  return slot != inputs_.size() || can_go_back_;  // Back is disabled on the first page
}

void page_form::focus_step(int direction) {
  if (focus_ < inputs_.size() && inputs_[focus_].list) inputs_[focus_].list->stop_typing();
  if (focus_ < inputs_.size() && inputs_[focus_].editor) last_typed_ = focus_;
  const std::size_t count = slot_count();
  do {
    focus_ = direction > 0 ? (focus_ + 1) % count : (focus_ + count - 1) % count;
  } while (!focusable(focus_));
}

form_action page_form::press(form_button b) const {
  switch (b) {
    case form_button::back: return form_action::back;
    case form_button::next: return form_action::next;
    case form_button::cancel: return form_action::cancel;
  }
  return form_action::none;
}

form_action page_form::on_field(field_input& input, const key_event& k) {
  const sdk::field_kind kind = input.field.kind;
  if (is_typed(kind)) {
    const std::size_t before = input.editor->text().size();  // a size, never a copy of a secret
    if (input.editor->handle(k)) {
      if (input.editor->text().size() != before) ++changes_;
      return form_action::none;
    }
  }
  if (input.list) {
    // Only Space changes a list's choice (a radio list's checked option stays checked).
    const bool toggling = k.is(U' ');
    const std::vector<std::string> before = toggling ? input.list->chosen() : std::vector<std::string>{};
    const list_key used = input.list->handle(k);
    if (toggling && input.list->chosen() != before) ++changes_;
    switch (used) {
      case list_key::used: return form_action::none;
      case list_key::leave_up: focus_step(-1); return form_action::none;
      case list_key::leave_down: focus_step(1); return form_action::none;
      case list_key::unused: break;
    }
  }
  if (kind == sdk::field_kind::confirmation) {
    const bool before = input.yes;
    if (k.is(U' ') || k.code == key::left || k.code == key::right) input.yes = !input.yes;
    if (k.is(U'y') || k.is(U'Y')) input.yes = true;
    if (k.is(U'n') || k.is(U'N')) input.yes = false;
    if (input.yes != before) ++changes_;
  }
  if (k.code == key::up) focus_step(-1);
  if (k.code == key::down) focus_step(1);
  if (k.code == key::enter) return form_action::next;
  if (k.code == key::escape) return form_action::cancel;
  return form_action::none;
}

bool page_form::complete(field_input& input) {
  const std::string typed(input.editor->text());
  if (typed.empty() && input.field.options.empty()) return false;  // nothing to complete: Tab moves on
  path_completion found = complete_path(typed, input.field.options);
  if (found.text != typed) {
    input.editor->set_text(found.text);
    ++changes_;
    completions_.clear();
    return true;
  }
  if (found.candidates.empty() || !completions_.empty()) return false;  // nothing to list, or listed already
  completions_ = std::move(found.candidates);
  completion_matches_ = found.matches;
  return true;
}

bool page_form::refresh(const sdk::page& again) {
  bool changed = again.info != page_.info;
  page_.info = again.info;
  for (field_input& input : inputs_) {
    if (input.field.kind != sdk::field_kind::path) continue;
    auto same = std::find_if(again.fields.begin(), again.fields.end(),
                             [&](const sdk::field& f) { return f.id == input.field.id && f.kind == input.field.kind; });
    if (same == again.fields.end() || same->options == input.field.options) continue;
    input.field.options = same->options;
    changed = true;
  }
  return changed;
}

form_action page_form::handle(const key_event& k) {
  if (k.code == key::idle) return form_action::none;  // nothing was pressed: a listing stays
  status_.clear();
  const auto field = focused_field();
  if (k.code == key::tab && field && inputs_[*field].field.kind == sdk::field_kind::path && complete(inputs_[*field]))
    return form_action::none;
  completions_.clear();
  if (k.code == key::tab) {
    focus_step(1);
    return form_action::none;
  }
  if (k.code == key::back_tab) {
    focus_step(-1);
    return form_action::none;
  }
  if (field) return on_field(inputs_[*field], k);
  if (k.code == key::escape) return form_action::cancel;
  if (k.code == key::enter || k.is(U' ')) return press(*focused_button());
  if (k.code == key::character) return typed_on_button(k);
  if (k.code == key::left || k.code == key::up) focus_step(-1);
  if (k.code == key::right || k.code == key::down) focus_step(1);
  return form_action::none;
}

form_action page_form::typed_on_button(const key_event& k) {
  std::optional<std::size_t> target = last_typed_;
  for (std::size_t i = inputs_.size(); !target && i > 0; --i)
    if (inputs_[i - 1].editor) target = i - 1;
  if (!target) {
    status_ = "This page has no text field to type in: Tab moves between the fields and the buttons, Enter or "
              "Space presses the focused button.";
    return form_action::none;
  }
  focus_ = *target;
  return on_field(inputs_[focus_], k);
}

const field_input* page_form::input_for(const sdk::field& field) const {
  auto it = std::find_if(inputs_.begin(), inputs_.end(), [&](const field_input& i) { return i.field.id == field.id; });
  return it == inputs_.end() ? nullptr : &*it;
}

std::optional<raw_value> page_form::value(const sdk::field& field) const {
  const field_input* input = input_for(field);
  if (input == nullptr || field.kind == sdk::field_kind::secret) return std::nullopt;
  switch (field.kind) {
    case sdk::field_kind::text:
    case sdk::field_kind::path: {
      std::string text(input->editor->text());
      if (text.empty() && !field.required) return std::nullopt;
      return raw_value{std::move(text)};
    }
    case sdk::field_kind::choice: {
      std::vector<std::string> chosen = input->list->chosen();
      if (chosen.empty()) return std::nullopt;
      return raw_value{std::move(chosen.front())};
    }
    case sdk::field_kind::multi_select: return raw_value{input->list->chosen()};
    case sdk::field_kind::confirmation: return raw_value{input->yes};
    case sdk::field_kind::secret: break;
  }
  return std::nullopt;
}

std::optional<sdk::secret_text> page_form::secret(const sdk::field& field) const {
  const field_input* input = input_for(field);
  if (input == nullptr || !input->editor || input->editor->text().empty()) return std::nullopt;
  return input->editor->secret();
}

}  // namespace arbor::host::tui
