#define BOOST_TEST_MODULE scripted_answers
#include <boost/test/unit_test.hpp>

#include "blocking_fifo.hpp"
#include "temporary_directory.hpp"
#include "host/cli/scripted_answers.hpp"

#include <fstream>

using namespace arbor::host;
using arbor::host::cli::apply_set;
using arbor::host::cli::parse_answers;
using arbor::host::cli::read_answer_file;

namespace {

std::string refusal(const std::filesystem::path& file) {
  auto answers = read_answer_file(file);
  return answers ? "accepted" : answers.error().message;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_key_given_twice_is_refused_naming_it) {
  auto parsed = parse_answers(R"({"p": {"f": "first", "f": "second"}})", "answers.json");
  BOOST_REQUIRE(!parsed.ok());
  BOOST_TEST(parsed.error().message.find("answers.json gives \"f\" twice") != std::string::npos,
             parsed.error().message);
  BOOST_TEST(!parse_answers(R"({"p": {"f": "a"}, "p": {"g": "b"}})", "answers.json").ok());
  BOOST_TEST(parse_answers(R"({"p": {"f": "a"}, "q": {"f": "b"}})", "answers.json").ok());
}

BOOST_AUTO_TEST_CASE(an_answer_file_that_is_a_fifo_is_refused_at_once) {
  const arbor::testing::blocking_fifo fifo("answers.json");
  const std::string message = fifo.outcome_of([&] { return refusal(fifo.path()); });
  BOOST_TEST(message.find("answer file " + fifo.path().string() + ": it is not a regular file") !=
                 std::string::npos,
             message);
}

BOOST_AUTO_TEST_CASE(a_device_as_answer_file_is_refused_without_reading_it) {
  const std::string message = refusal("/dev/zero");
  BOOST_TEST(message.find("/dev/zero: it is not a regular file") != std::string::npos, message);
}

BOOST_AUTO_TEST_CASE(an_answer_file_over_1_mib_is_refused_naming_the_limit) {
  const arbor::testing::temporary_directory dir;
  const auto file = dir / "answers.json";
  std::ofstream(file) << "{}" << std::string(std::size_t{1} << 20, ' ');
  const std::string message = refusal(file);
  BOOST_TEST(message.find("the limit is 1 MiB") != std::string::npos, message);
}

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
