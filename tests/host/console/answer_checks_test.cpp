#define BOOST_TEST_MODULE answer_checks
#include <boost/test/unit_test.hpp>

#include "host/console/answer_set.hpp"
#include "host/console/answer_value.hpp"
#include "fake_wizard.hpp"

using namespace arbor::host;
using arbor::sdk::field_kind;
using arbor::test::make_field;
using arbor::test::make_page;

namespace {

bool mentions(const arbor::sdk::error& e, const std::string& text) { return e.message.find(text) != std::string::npos; }

arbor::sdk::wizard_spec spec_with(std::vector<arbor::sdk::field> fields) {
  return arbor::sdk::wizard_spec{"Spec", {make_page("main", std::move(fields))}};
}

}  // namespace

BOOST_AUTO_TEST_CASE(text_refuses_a_line_break_and_a_list) {
  const auto f = make_field("name", field_kind::text);
  BOOST_TEST(to_answer(f, std::string("plain")).ok());
  BOOST_TEST(!to_answer(f, std::string("two\nlines")).ok());
  BOOST_TEST(!to_answer(f, std::vector<std::string>{"a"}).ok());
}

BOOST_AUTO_TEST_CASE(path_takes_any_character_but_nul) {
  const auto f = make_field("file", field_kind::path);
  auto a = to_answer(f, std::string("/tmp/it's \"odd\"\n ü.txt"));
  BOOST_REQUIRE(a.ok());
  BOOST_TEST(a.value().text == "/tmp/it's \"odd\"\n ü.txt");
  BOOST_TEST(!to_answer(f, std::string("a\0b", 3)).ok());
}

BOOST_AUTO_TEST_CASE(choice_must_be_one_of_the_options) {
  const auto f = make_field("color", field_kind::choice, true, {"red", "green"});
  BOOST_TEST(to_answer(f, std::string("red")).ok());
  auto refused = to_answer(f, std::string("purple"));
  BOOST_REQUIRE(!refused.ok());
  BOOST_TEST(mentions(refused.error(), "\"purple\" is not one of: red, green"));
  BOOST_TEST(to_answer(f, std::string("purple"), false).ok());
}

BOOST_AUTO_TEST_CASE(multi_select_takes_a_list_or_commas_of_options) {
  const auto f = make_field("tags", field_kind::multi_select, true, {"a", "b", "c"});
  auto listed = to_answer(f, std::vector<std::string>{"a", "c"});
  BOOST_REQUIRE(listed.ok());
  BOOST_TEST(listed.value().items == (std::vector<std::string>{"a", "c"}));
  auto commas = to_answer(f, std::string("b,c"));
  BOOST_REQUIRE(commas.ok());
  BOOST_TEST(commas.value().items == (std::vector<std::string>{"b", "c"}));
  BOOST_TEST(to_answer(f, std::string("")).value().items.empty());
  BOOST_TEST(!to_answer(f, std::vector<std::string>{"a", "z"}).ok());
  BOOST_TEST(!to_answer(f, true).ok());
}

BOOST_AUTO_TEST_CASE(confirmation_takes_booleans_and_yes_no) {
  const auto f = make_field("sure", field_kind::confirmation);
  BOOST_TEST(to_answer(f, true).value().yes);
  BOOST_TEST(to_answer(f, std::string("yes")).value().yes);
  BOOST_TEST(!to_answer(f, std::string("no")).value().yes);
  BOOST_TEST(!to_answer(f, std::string("maybe")).ok());
}

BOOST_AUTO_TEST_CASE(secrets_are_never_taken_from_a_value) {
  const auto f = make_field("password", field_kind::secret);
  auto refused = to_answer(f, std::string("hunter2"));
  BOOST_REQUIRE(!refused.ok());
  BOOST_TEST(mentions(refused.error(), "--password-file"));
}

BOOST_AUTO_TEST_CASE(spec_check_refuses_an_unknown_page_naming_it) {
  answer_set given;
  given.set("nowhere", "x", std::string("1"));
  auto refused = check_against_spec(given, spec_with({}));
  BOOST_REQUIRE(!refused.ok());
  BOOST_TEST(mentions(refused.error(), "\"nowhere\""));
}

BOOST_AUTO_TEST_CASE(spec_check_refuses_a_wrong_type_naming_the_field) {
  answer_set given;
  given.set("main", "sure", std::string("perhaps"));
  auto refused = check_against_spec(given, spec_with({make_field("sure", field_kind::confirmation)}));
  BOOST_REQUIRE(!refused.ok());
  BOOST_TEST(mentions(refused.error(), "field \"sure\" on page \"main\""));
}

BOOST_AUTO_TEST_CASE(spec_check_refuses_a_missing_required_field_naming_it) {
  answer_set given;
  auto refused = check_against_spec(given, spec_with({make_field("name", field_kind::text)}));
  BOOST_REQUIRE(!refused.ok());
  BOOST_TEST(mentions(refused.error(), "field \"name\" on page \"main\""));
  BOOST_TEST(mentions(refused.error(), "--set main.name=VALUE"));
}

BOOST_AUTO_TEST_CASE(spec_check_refuses_a_secret_in_the_answers) {
  answer_set given;
  given.set("main", "password", std::string("hunter2"));
  auto refused = check_against_spec(given, spec_with({make_field("password", field_kind::secret)}));
  BOOST_REQUIRE(!refused.ok());
  BOOST_TEST(mentions(refused.error(), "field \"password\" on page \"main\""));
  BOOST_TEST(!mentions(refused.error(), "hunter2"));
}

BOOST_AUTO_TEST_CASE(spec_check_needs_no_value_for_secrets_or_optional_fields) {
  answer_set given;
  auto checked = check_against_spec(
      given, spec_with({make_field("password", field_kind::secret), make_field("note", field_kind::text, false)}));
  BOOST_TEST(checked.ok());
}

BOOST_AUTO_TEST_CASE(spec_check_leaves_fields_the_spec_lacks_to_the_prepared_page) {
  answer_set given;
  given.set("main", "dynamic", std::string("x"));
  BOOST_TEST(check_against_spec(given, spec_with({})).ok());
  auto refused = check_page(given, make_page("main", {make_field("other", field_kind::text)}));
  BOOST_REQUIRE(!refused.ok());
  BOOST_TEST(mentions(refused.error(), "field \"dynamic\" on page \"main\""));
  BOOST_TEST(mentions(refused.error(), "other"));
}
