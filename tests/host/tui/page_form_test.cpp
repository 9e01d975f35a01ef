#define BOOST_TEST_MODULE page_form_test
#include <boost/test/unit_test.hpp>

#include "host/tui/page_form.hpp"
#include "host/tui/page_layout.hpp"

#include <variant>

using namespace arbor;
using namespace arbor::host::tui;
using arbor::host::raw_value;

namespace {

sdk::field make(std::string id, sdk::field_kind kind, bool required = true, std::vector<std::string> options = {},
                std::string default_value = {}) {
  return sdk::field{id, "Label of " + id, kind, required, std::move(options), std::move(default_value), "help " + id};
}

sdk::page sample_page() {
  sdk::page p;
  p.id = "p";
  p.title = "Page";
  p.description = "A page.";
  p.fields = {make("name", sdk::field_kind::text), make("pw", sdk::field_kind::secret),
              make("color", sdk::field_kind::choice, false, {"red", "green", "blue"}, "green"),
              make("extras", sdk::field_kind::multi_select, false, {"a", "b"}),
              make("sure", sdk::field_kind::confirmation, true, {}, "no")};
  return p;
}

const sdk::field& field_of(const page_form& form, std::size_t i) { return form.inputs()[i].field; }

void type_text(page_form& form, std::u32string_view text) {
  for (char32_t c : text) form.handle(type(c));
}

}  // namespace

BOOST_AUTO_TEST_CASE(focus_starts_on_the_first_field_and_tab_skips_a_disabled_back) {
  page_form form(sample_page(), {}, false, false);
  BOOST_TEST((form.focused_field() == std::optional<std::size_t>(0)));
  for (int i = 0; i < 5; ++i) form.handle(press(key::tab));
  BOOST_TEST((form.focused_button() == form_button::next));
  form.handle(press(key::back_tab));
  form.handle(press(key::tab));
  form.handle(press(key::tab));
  BOOST_TEST((form.focused_button() == form_button::cancel));
  form.handle(press(key::tab));
  BOOST_TEST((form.focused_field() == std::optional<std::size_t>(0)));  // wrapped around, past Back
}

BOOST_AUTO_TEST_CASE(enter_on_a_field_is_next_and_escape_is_cancel) {
  page_form form(sample_page(), {}, true, false);
  BOOST_TEST((form.handle(press(key::enter)) == form_action::next));
  BOOST_TEST((form.handle(press(key::escape)) == form_action::cancel));
}

BOOST_AUTO_TEST_CASE(enter_on_back_goes_back_when_an_earlier_page_exists) {
  page_form form(sample_page(), {}, true, false);
  for (int i = 0; i < 5; ++i) form.handle(press(key::tab));
  BOOST_TEST((form.focused_button() == form_button::back));
  BOOST_TEST((form.handle(press(key::enter)) == form_action::back));
}

BOOST_AUTO_TEST_CASE(fields_start_from_their_defaults) {
  page_form form(sample_page(), {}, false, false);
  BOOST_TEST(form.value(field_of(form, 0)).has_value());  // required text: an empty string
  BOOST_TEST(std::get<std::string>(*form.value(field_of(form, 0))).empty());
  BOOST_TEST(std::get<std::string>(*form.value(field_of(form, 2))) == "green");
  BOOST_TEST(std::get<std::vector<std::string>>(*form.value(field_of(form, 3))).empty());
  BOOST_TEST(std::get<bool>(*form.value(field_of(form, 4))) == false);
  BOOST_TEST(!form.secret(field_of(form, 1)).has_value());
}

BOOST_AUTO_TEST_CASE(an_empty_optional_text_has_no_value) {
  sdk::page p = sample_page();
  p.fields[0].required = false;
  page_form form(p, {}, false, false);
  BOOST_TEST(!form.value(field_of(form, 0)).has_value());
}

BOOST_AUTO_TEST_CASE(typed_text_and_secret_are_collected) {
  page_form form(sample_page(), {}, false, false);
  type_text(form, U"Ada");
  form.handle(press(key::tab));
  type_text(form, U"hunter2");
  BOOST_TEST(std::get<std::string>(*form.value(field_of(form, 0))) == "Ada");
  BOOST_TEST(form.secret(field_of(form, 1))->view() == "hunter2");
  BOOST_TEST(!form.value(field_of(form, 1)).has_value());  // a secret is never a plain value
}

BOOST_AUTO_TEST_CASE(space_selects_one_choice_and_toggles_checks) {
  page_form form(sample_page(), {}, false, false);
  form.handle(press(key::tab));
  form.handle(press(key::tab));  // color, highlighted on its selected option "green"
  form.handle(press(key::down));
  form.handle(type(U' '));
  form.handle(type(U' '));  // a radio list stays selected
  BOOST_TEST(std::get<std::string>(*form.value(field_of(form, 2))) == "blue");
  form.handle(press(key::down));  // past the last option: on to extras
  BOOST_TEST((form.focused_field() == std::optional<std::size_t>(3)));
  form.handle(type(U' '));
  form.handle(press(key::down));
  form.handle(type(U' '));
  form.handle(press(key::up));
  form.handle(type(U' '));
  BOOST_TEST(std::get<std::vector<std::string>>(*form.value(field_of(form, 3))) == std::vector<std::string>{"b"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(confirmation_answers_to_y_n_and_space) {
  page_form form(sample_page(), {}, false, false);
  for (int i = 0; i < 4; ++i) form.handle(press(key::tab));
  form.handle(type(U'y'));
  BOOST_TEST(std::get<bool>(*form.value(field_of(form, 4))));
  form.handle(type(U' '));
  BOOST_TEST(!std::get<bool>(*form.value(field_of(form, 4))));
}

BOOST_AUTO_TEST_CASE(earlier_answers_fill_the_fields_again) {
  sdk::answers so_far;
  sdk::answer name;
  name.kind = sdk::field_kind::text;
  name.text = "Grace";
  so_far.set("p", "name", name);
  sdk::answer extras;
  extras.kind = sdk::field_kind::multi_select;
  extras.items = {"a"};
  so_far.set("p", "extras", extras);
  page_form form(sample_page(), so_far, true, false);
  BOOST_TEST(std::get<std::string>(*form.value(field_of(form, 0))) == "Grace");
  BOOST_TEST(std::get<std::vector<std::string>>(*form.value(field_of(form, 3))) == std::vector<std::string>{"a"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_layout_never_shows_a_secret) {
  page_form form(sample_page(), {}, false, true);
  form.handle(press(key::tab));
  type_text(form, U"topsecret");
  const page_layout layout = layout_page(form, nullptr, 60);
  bool stars = false;
  for (const styled_line& line : layout.lines) {
    BOOST_TEST(line.text.find("topsecret") == std::string::npos);
    stars = stars || line.text.find("[*********") != std::string::npos;
  }
  BOOST_TEST(stars);
  BOOST_TEST(layout.cursor.has_value());
}

BOOST_AUTO_TEST_CASE(the_layout_shows_a_refusal_in_red) {
  page_form form(sample_page(), {}, false, false);
  const sdk::error problem = sdk::fail(sdk::reason::invalid_input, "The name is reserved.");
  const page_layout layout = layout_page(form, &problem, 60);
  bool shown = false;
  for (const styled_line& line : layout.lines)
    shown = shown || (line.style == style::error && line.text == "The name is reserved.");
  BOOST_TEST(shown);
}

BOOST_AUTO_TEST_CASE(the_last_page_offers_finish_and_the_first_dims_back) {
  page_form form(sample_page(), {}, false, true);
  const auto buttons = button_row(form);
  BOOST_TEST(buttons.size() == 3u);
  BOOST_TEST(buttons[0].text == "[ Back ]");
  BOOST_TEST((buttons[0].style == style::hint));
  BOOST_TEST(buttons[1].text == "[ Finish ]");
}

namespace {

/// A page with one multi-select of `count` options "user-1".."user-<count>", then a text field.
sdk::page long_list_page(int count) {
  std::vector<std::string> options;
  for (int i = 1; i <= count; ++i) options.push_back("user-" + std::to_string(i));
  sdk::page p;
  p.id = "p";
  p.title = "Page";
  p.fields = {make("users", sdk::field_kind::multi_select, false, std::move(options)),
              make("note", sdk::field_kind::text, false)};
  return p;
}

bool has_line(const page_layout& layout, const std::string& text) {
  for (const styled_line& line : layout.lines)
    if (line.text.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

BOOST_AUTO_TEST_CASE(escape_clears_a_search_before_it_cancels_the_wizard) {
  page_form form(long_list_page(40), {}, false, false);
  form.handle(type(U'/'));
  type_text(form, U"user-3");
  BOOST_TEST((form.handle(press(key::escape)) == form_action::none));
  BOOST_TEST(!form.focused_list()->filtered());
  BOOST_TEST((form.handle(press(key::escape)) == form_action::cancel));
}

BOOST_AUTO_TEST_CASE(enter_while_searching_ends_the_search_and_the_next_enter_is_next) {
  page_form form(long_list_page(40), {}, false, false);
  form.handle(type(U'/'));
  type_text(form, U"7");
  BOOST_TEST((form.handle(press(key::enter)) == form_action::none));
  BOOST_TEST(form.focused_list()->filtered());
  BOOST_TEST((form.handle(press(key::enter)) == form_action::next));
}

BOOST_AUTO_TEST_CASE(options_checked_under_searches_are_answered_as_values) {
  page_form form(long_list_page(40), {}, false, false);
  form.handle(type(U'/'));
  type_text(form, U"-3");  // user-3, user-30..39
  form.handle(press(key::down));
  form.handle(type(U' '));  // user-30
  for (int i = 0; i < 2; ++i) form.handle(press(key::backspace));
  type_text(form, U"12");
  form.handle(type(U' '));  // user-12
  form.handle(press(key::tab));  // on to the note: the search stays, typing stops
  BOOST_TEST(!form.inputs()[0].list->typing());
  BOOST_TEST(form.inputs()[0].list->filtered());
  type_text(form, U"n");
  BOOST_TEST(std::get<std::string>(*form.value(field_of(form, 1))) == "n");  // the letter went to the note
  BOOST_TEST(std::get<std::vector<std::string>>(*form.value(field_of(form, 0))) ==
                 (std::vector<std::string>{"user-12", "user-30"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_layout_shows_the_search_with_its_match_count) {
  page_form form(long_list_page(40), {}, false, false);
  form.handle(type(U'/'));
  type_text(form, U"-3");
  form.handle(type(U' '));
  const page_layout layout = layout_page(form, nullptr, 78);
  BOOST_TEST(has_line(layout, "Search: -3"));
  BOOST_TEST(has_line(layout, "11 of 40 match '-3', 1 selected"));
  BOOST_TEST(has_line(layout, "[x] user-3"));
  BOOST_TEST(!has_line(layout, "user-4"));
  BOOST_TEST(layout.cursor.has_value());  // in the search while typing
}

BOOST_AUTO_TEST_CASE(the_layout_keeps_the_highlighted_option_in_a_window_with_more_above_and_below) {
  page_form form(long_list_page(40), {}, false, false);
  form.set_list_rows(6);
  page_layout layout = layout_page(form, nullptr, 78);
  BOOST_TEST(has_line(layout, "v 34 more below"));
  BOOST_TEST(!has_line(layout, "more above"));
  for (int i = 0; i < 19; ++i) form.handle(press(key::down));
  layout = layout_page(form, nullptr, 78);
  BOOST_TEST_REQUIRE(layout.highlight_line.has_value());
  const styled_line& lit = layout.lines[*layout.highlight_line];
  BOOST_TEST(lit.text == "    [ ] user-20");
  BOOST_TEST((lit.style == style::selected));
  BOOST_TEST(layout.focus_line < *layout.highlight_line);
  BOOST_TEST(*layout.highlight_line <= layout.focus_end);
  BOOST_TEST(layout.lines[layout.focus_end].text == "    help users");
  BOOST_TEST(layout.focus_end - layout.focus_line == 9u);  // after the label: a marker, 6 options, a marker, the help
  BOOST_TEST(has_line(layout, "^ 14 more above"));
  BOOST_TEST(has_line(layout, "v 20 more below"));
}
