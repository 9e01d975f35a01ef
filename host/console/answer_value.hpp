#pragma once
// Turning what a front end received into a typed wizard answer, checked against the field.
#include <arbor/sdk/error.hpp>
#include <arbor/sdk/wizard.hpp>

#include <string>
#include <variant>
#include <vector>

namespace arbor::host {

/// A value as a front end received it, before it is checked against a field: a string (typed
/// text, --set, answer-file strings), a list (answer-file arrays) or a boolean (answer-file
/// true/false). Never a secret.
using raw_value = std::variant<std::string, std::vector<std::string>, bool>;

/// Names a field for messages: `field "color" on page "options"`.
std::string field_location(std::string_view page_id, std::string_view field_id);

/// Converts `value` to an answer of `field`'s kind. Text takes one line; a path any characters
/// but NUL; a choice one of `options`; a multi-select a list, or a comma-separated string, of
/// `options`; a confirmation true/false or "yes"/"no". Secret fields are refused: secrets come
/// only from a secret source. When `check_options` is false, choice values are not compared with
/// the field's options (used for the static spec, whose options a page may still fill in).
/// Errors (invalid_input) describe the value, not its location.
sdk::result<sdk::answer> to_answer(const sdk::field& field, const raw_value& value, bool check_options = true);

}  // namespace arbor::host
