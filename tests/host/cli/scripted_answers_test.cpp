#define BOOST_TEST_MODULE scripted_answers
#include <boost/test/unit_test.hpp>

#include "host/cli/scripted_answers.hpp"

using namespace arbor::host;
using arbor::host::cli::apply_set;
using arbor::host::cli::parse_answers;

BOOST_AUTO_TEST_CASE(strings_lists_and_booleans_are_read) {
  auto parsed = parse_answers(R"({"p": {"t": "it's \"q\" ü", "m": ["a", "b"], "c": true}})", "answers.json");
  BOOST_REQUIRE(parsed.ok());
  BOOST_TEST(std::get<std::string>(*parsed.value().find("p", "t")) == "it's \"q\" ü");
  BOOST_TEST(std::get<std::vector<std::string>>(*parsed.value().find("p", "m")).size() == 2u);
  BOOST_TEST(std::get<bool>(*parsed.value().find("p", "c")));
}

BOOST_AUTO_TEST_CASE(a_value_of_another_shape_is_refused_naming_the_field) {
  auto parsed = parse_answers(R"({"p": {"n": 42}})", "answers.json");
  BOOST_REQUIRE(!parsed.ok());
  BOOST_TEST(parsed.error().message.find("field \"n\" on page \"p\"") != std::string::npos);
  BOOST_TEST(parsed.error().message.find("answers.json") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(malformed_json_and_a_non_object_are_refused) {
  BOOST_TEST(!parse_answers("{", "a.json").ok());
  BOOST_TEST(!parse_answers("[]", "a.json").ok());
  BOOST_TEST(!parse_answers(R"({"p": "x"})", "a.json").ok());
}

BOOST_AUTO_TEST_CASE(set_splits_at_the_first_dot_and_equals_and_overrides) {
  auto parsed = parse_answers(R"({"p": {"f": "file"}})", "a.json");
  answer_set answers = parsed.value();
  BOOST_TEST(apply_set(answers, "p.f=a=b").ok());
  BOOST_TEST(std::get<std::string>(*answers.find("p", "f")) == "a=b");
  BOOST_TEST(!apply_set(answers, "nofield=1").ok());
  BOOST_TEST(!apply_set(answers, "p.f").ok());
  BOOST_TEST(!apply_set(answers, ".f=1").ok());
}
