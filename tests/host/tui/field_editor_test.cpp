#define BOOST_TEST_MODULE field_editor_test
#include <boost/test/unit_test.hpp>

#include "host/tui/field_editor.hpp"

using namespace arbor::host::tui;

namespace {

void type_text(field_editor& e, std::u32string_view text) {
  for (char32_t c : text) e.handle(type(c));
}

}  // namespace

BOOST_AUTO_TEST_CASE(typing_inserts_at_the_cursor) {
  field_editor e(false);
  type_text(e, U"helo");
  e.handle(press(key::left));
  e.handle(type(U'l'));
  BOOST_TEST(e.text() == "hello");
  BOOST_TEST(e.cursor() == 4u);
}

BOOST_AUTO_TEST_CASE(backspace_and_delete_remove_around_the_cursor) {
  field_editor e(false, "abcd");
  e.handle(press(key::home));
  e.handle(press(key::erase));
  BOOST_TEST(e.text() == "bcd");
  e.handle(press(key::end));
  e.handle(press(key::backspace));
  BOOST_TEST(e.text() == "bc");
  e.handle(press(key::home));
  e.handle(press(key::backspace));  // nothing before the cursor
  BOOST_TEST(e.text() == "bc");
}

BOOST_AUTO_TEST_CASE(cursor_moves_over_whole_utf8_characters) {
  field_editor e(false);
  type_text(e, U"a\u00e9\u20ac");  // a, e-acute (2 bytes), euro sign (3 bytes)
  BOOST_TEST(e.text() == "a\xC3\xA9\xE2\x82\xAC");
  BOOST_TEST(e.cursor() == 3u);
  e.handle(press(key::left));
  e.handle(press(key::backspace));
  BOOST_TEST(e.text() == "a\xE2\x82\xAC");
  BOOST_TEST(e.cursor() == 1u);
}

BOOST_AUTO_TEST_CASE(control_characters_are_not_inserted) {
  field_editor e(false);
  e.handle(type(U'\x1b'));
  e.handle(type(U'\x07'));
  BOOST_TEST(e.text().empty());
}

BOOST_AUTO_TEST_CASE(non_editing_keys_are_left_to_the_caller) {
  field_editor e(false);
  BOOST_TEST(!e.handle(press(key::enter)));
  BOOST_TEST(!e.handle(press(key::tab)));
  BOOST_TEST(!e.handle(press(key::up)));
  BOOST_TEST(e.handle(press(key::left)));
}

BOOST_AUTO_TEST_CASE(a_masked_editor_shows_only_stars) {
  field_editor e(true);
  type_text(e, U"s3cr\u00e9t");
  const editor_view shown = e.visible(20);
  BOOST_TEST(shown.text == "******");
  BOOST_TEST(shown.cursor == 6u);
  BOOST_TEST(e.secret().view() == "s3cr\xC3\xA9t");
}

BOOST_AUTO_TEST_CASE(visible_text_scrolls_to_keep_the_cursor_inside) {
  field_editor e(false, "abcdefghij");
  const editor_view end = e.visible(4);
  BOOST_TEST(end.text == "hij");
  BOOST_TEST(end.cursor == 3u);
  e.handle(press(key::home));
  const editor_view start = e.visible(4);
  BOOST_TEST(start.text == "abcd");
  BOOST_TEST(start.cursor == 0u);
}

BOOST_AUTO_TEST_CASE(text_longer_than_the_limit_is_refused) {
  field_editor e(false, std::string(field_editor::max_bytes, 'x'));
  e.handle(type(U'y'));
  BOOST_TEST(e.text().size() == field_editor::max_bytes);
  BOOST_TEST(e.text().find('y') == std::string_view::npos);
}

BOOST_AUTO_TEST_CASE(clear_empties_the_text) {
  field_editor e(true, "password");
  e.clear();
  BOOST_TEST(e.text().empty());
  BOOST_TEST(e.cursor() == 0u);
}
