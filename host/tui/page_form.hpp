#pragma once
// The state of one wizard page on screen: an input per field (an editor for text, path and
// secret; a searchable option list for a choice or a multi-select; yes/no for a confirmation),
// the focus moving over the fields and the Back / Next (Finish) / Cancel buttons, and the values
// the wizard runner collects when the operator presses Next.
#include "host/console/answer_value.hpp"
#include "host/tui/field_editor.hpp"
#include "host/tui/option_list.hpp"
#include "host/tui/keys.hpp"

#include <arbor/sdk/secret_text.hpp>
#include <arbor/sdk/wizard.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace arbor::host::tui {

/// The page's buttons, left to right. Zero is deliberately unused.
enum class form_button : unsigned char { back = 1, next, cancel };

/// What a key press asks of the page. Zero is deliberately unused.
enum class form_action : unsigned char {
  none = 1,  ///< handled on the page (typing, moving, selecting)
  back,
  next,  ///< Next, or Finish on the last page
  cancel,
};

/// The input of one field.
struct field_input {
  sdk::field field;
  std::unique_ptr<field_editor> editor;  ///< text, path and secret
  std::optional<option_list> list;       ///< choice and multi-select
  bool yes{false};                       ///< confirmation
};

class page_form {
 public:
  /// Fills each field from `so_far` (answers given on an earlier visit) or its default.
  /// `can_go_back`: an earlier page was shown. `last`: Next runs the task, so it reads "Finish".
  page_form(const sdk::page& page, const sdk::answers& so_far, bool can_go_back, bool last);

  /// Tab on a path field completes it first (path_completion.hpp): it extends the text when the
  /// matches agree further, else lists the matches once (completions()); a Tab with nothing to
  /// add or list moves the focus as on any field.
  /// Tab / Shift-Tab move over fields, then buttons; Up / Down over fields and a list's options;
  /// Space selects an option or toggles a check or yes/no; Enter presses the focused button or,
  /// on a field, Next; Esc is Cancel. A focused list takes its search keys first (option_list).
  /// A character typed on a button goes to the text field focused last (else the page's last
  /// one), which takes the focus; on a page without one, status() says why it was not used.
  form_action handle(const key_event& k);

  /// Why the last key did nothing, for the status line; empty when it was used.
  const std::string& status() const noexcept { return status_; }
  /// Counts the changes of the fields' values (typing, choosing, toggling), so a front end can
  /// drop a refusal once the operator changed something.
  std::size_t changes() const noexcept { return changes_; }
  /// Takes the info lines and the path fields' suggestions of the same page prepared again (SDK
  /// 1.2 live pages); everything typed stays. False when nothing shown changed.
  bool refresh(const sdk::page& again);

  /// The matches the last Tab listed on the focused path field; empty once another key came.
  const std::vector<std::string>& completions() const noexcept { return completions_; }
  /// How many names matched when they were listed (more than completions() holds when many).
  std::size_t completion_matches() const noexcept { return completion_matches_; }

  /// How many options each list shows at once, from the room on screen.
  void set_list_rows(std::size_t rows) noexcept;

  const sdk::page& page() const noexcept { return page_; }
  const std::vector<field_input>& inputs() const noexcept { return inputs_; }
  bool can_go_back() const noexcept { return can_go_back_; }
  bool last() const noexcept { return last_; }

  /// The focused field, or nothing when a button has the focus.
  std::optional<std::size_t> focused_field() const noexcept;
  /// The focused button, or nothing when a field has the focus.
  std::optional<form_button> focused_button() const noexcept;
  /// The focused field's list, or nothing when the focus is elsewhere.
  const option_list* focused_list() const noexcept;
  /// True when the focused input takes printable keys as text (a text, path or secret field, a
  /// list's search): there '?' is typed, and only F1 opens the help.
  bool takes_text() const noexcept;

  /// The value of a non-secret field as the runner expects it: nothing for an empty optional
  /// text or an unselected choice.
  std::optional<raw_value> value(const sdk::field& field) const;
  /// The typed secret, or nothing when the field is empty.
  std::optional<sdk::secret_text> secret(const sdk::field& field) const;

 private:
  std::size_t slot_count() const noexcept { return inputs_.size() + 3; }
  bool focusable(std::size_t slot) const noexcept;
  void focus_step(int direction);
  form_action press(form_button b) const;
  form_action on_field(field_input& input, const key_event& k);
  form_action typed_on_button(const key_event& k);
  const field_input* input_for(const sdk::field& field) const;
  bool complete(field_input& input);

  sdk::page page_;
  std::vector<field_input> inputs_;
  bool can_go_back_;
  bool last_;
  std::size_t focus_{0};  ///< fields first, then back, next, cancel
  std::optional<std::size_t> last_typed_;  ///< the text field that had the focus last
  std::string status_;
  std::size_t changes_{0};
  std::vector<std::string> completions_;
  std::size_t completion_matches_{0};
};

}  // namespace arbor::host::tui
