#define BOOST_TEST_MODULE wizard_form_keys_test
// What a wizard page does with keys an operator presses on a button: a character goes to the
// text field focused last (or the page's last one), a page without one says why in the status
// line, and every change of a value is counted so a refusal about the old values can go.
#include <boost/test/unit_test.hpp>

#include "host/tui/page_form.hpp"

#include <variant>

using namespace arbor;
using namespace arbor::host::tui;
using arbor::host::raw_value;

namespace {

sdk::field make(std::string id, sdk::field_kind kind, std::string default_value = {}) {
  return sdk::field{id, "Label of " + id, kind, true, {}, std::move(default_value), {}};
}

sdk::page page_of(std::vector<sdk::field> fields) {
  sdk::page p;
  p.id = "p";
  p.title = "Page";
  p.fields = std::move(fields);
  return p;
}

std::string text_of(const page_form& form, std::size_t i) {
  return std::get<std::string>(*form.value(form.inputs()[i].field));
}

void tab_to_next_button(page_form& form) {
  while (form.focused_button() != form_button::next) form.handle(press(key::tab));
}

}  // namespace

BOOST_AUTO_TEST_CASE(tab_visits_the_fields_in_order_then_the_buttons) {
  page_form form(page_of({make("a", sdk::field_kind::text), make("b", sdk::field_kind::path)}), {}, true, false);
  BOOST_TEST((form.focused_field() == std::optional<std::size_t>(0)));
  form.handle(press(key::tab));
  BOOST_TEST((form.focused_field() == std::optional<std::size_t>(1)));
  form.handle(press(key::tab));
  BOOST_TEST((form.focused_button() == form_button::back));
  form.handle(press(key::tab));
  BOOST_TEST((form.focused_button() == form_button::next));
  form.handle(press(key::tab));
  BOOST_TEST((form.focused_button() == form_button::cancel));
}

BOOST_AUTO_TEST_CASE(typing_on_a_button_goes_to_the_text_field_focused_last) {
  page_form form(page_of({make("a", sdk::field_kind::text), make("b", sdk::field_kind::text)}), {}, false, false);
  form.handle(type(U'x'));  // into a, which then loses the focus to the button
  tab_to_next_button(form);
  BOOST_TEST((form.handle(type(U'y')) == form_action::none));
  BOOST_TEST((form.focused_field() == std::optional<std::size_t>(1)));  // b was focused last on the way
  BOOST_TEST(text_of(form, 1) == "y");
  BOOST_TEST(form.status().empty());
}

BOOST_AUTO_TEST_CASE(typing_on_a_button_before_any_text_field_had_the_focus_goes_to_the_last_one) {
  page_form form(page_of({make("sure", sdk::field_kind::confirmation, "no"), make("a", sdk::field_kind::text),
                          make("b", sdk::field_kind::path), make("again", sdk::field_kind::confirmation, "no")}),
                 {}, false, false);
  form.handle(press(key::back_tab));  // from the confirmation straight to Cancel
  BOOST_REQUIRE((form.focused_button() == form_button::cancel));
  form.handle(type(U'z'));
  BOOST_TEST((form.focused_field() == std::optional<std::size_t>(2)));
  BOOST_TEST(text_of(form, 2) == "z");
  BOOST_TEST(text_of(form, 1).empty());
}

BOOST_AUTO_TEST_CASE(typing_on_a_button_of_a_page_without_a_text_field_says_why_and_changes_nothing) {
  page_form form(page_of({make("sure", sdk::field_kind::confirmation, "no")}), {}, false, true);
  tab_to_next_button(form);
  BOOST_TEST((form.handle(type(U'y')) == form_action::none));
  BOOST_TEST((form.focused_button() == form_button::next));
  BOOST_TEST(form.status().find("no text field") != std::string::npos, form.status());
  BOOST_TEST(!std::get<bool>(*form.value(form.inputs()[0].field)));
  form.handle(press(key::tab));
  BOOST_TEST(form.status().empty());  // the next key clears it
}

BOOST_AUTO_TEST_CASE(changes_count_edits_and_toggles_but_not_moves) {
  page_form form(page_of({make("a", sdk::field_kind::text), make("sure", sdk::field_kind::confirmation, "no")}), {},
                 false, false);
  const std::size_t start = form.changes();
  form.handle(press(key::left));  // a cursor move in an empty field
  BOOST_TEST(form.changes() == start);
  form.handle(type(U'x'));
  BOOST_TEST(form.changes() == start + 1);
  form.handle(press(key::backspace));
  BOOST_TEST(form.changes() == start + 2);
  form.handle(press(key::tab));
  BOOST_TEST(form.changes() == start + 2);
  form.handle(type(U'n'));  // already no
  BOOST_TEST(form.changes() == start + 2);
  form.handle(type(U'y'));
  BOOST_TEST(form.changes() == start + 3);
}

BOOST_AUTO_TEST_CASE(changes_count_a_new_choice_in_a_list_but_not_moving_over_it) {
  sdk::field color = make("color", sdk::field_kind::choice, "red");
  color.options = {"red", "green"};
  page_form form(page_of({color}), {}, false, false);
  const std::size_t start = form.changes();
  form.handle(press(key::down));  // the highlight moves, the choice stays
  BOOST_TEST(form.changes() == start);
  form.handle(type(U' '));
  BOOST_TEST(form.changes() == start + 1);
  form.handle(type(U' '));  // a radio list's choice stays checked
  BOOST_TEST(form.changes() == start + 1);
}
