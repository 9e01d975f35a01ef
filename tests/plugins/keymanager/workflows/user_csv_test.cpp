#define BOOST_TEST_MODULE escrow_user_csv_test
#include <boost/test/unit_test.hpp>

#include <string>

#include <unistd.h>

#include <fstream>

#include "blocking_fifo.hpp"
#include "common/km_error.hpp"
#include "workflows/user_csv.hpp"
#include "temporary_directory.hpp"

using arbor::km::errc;
using arbor::km::error;
using arbor::km::workflows::parse_user_csv;
using arbor::km::workflows::read_user_csv;

namespace {

// True when parsing `text` is refused as bad input with `expected` in the message.
bool refused_with(const std::string& text, const std::string& expected) {
  try {
    parse_user_csv(text, "users.csv");
  } catch (const error& e) {
    BOOST_TEST_MESSAGE(e.what());
    return e.code() == errc::bad_input && std::string(e.what()).find(expected) != std::string::npos;
  }
  return false;
}

// The message of read_user_csv's refusal of `file`, or "accepted".
std::string file_refusal(const std::filesystem::path& file) {
  try {
    read_user_csv(file);
    return "accepted";
  } catch (const error& e) {
    return e.what();
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_csv_path_that_is_a_fifo_is_refused_at_once) {
  const arbor::testing::blocking_fifo fifo("users.csv");
  const std::string message = fifo.outcome_of([&] { return file_refusal(fifo.path()); });
  BOOST_TEST(message.find(fifo.path().string() + " is not a regular file") != std::string::npos, message);
}

BOOST_AUTO_TEST_CASE(a_csv_over_64_mib_is_refused_before_it_is_read) {
  const arbor::testing::temporary_directory dir;
  const auto file = dir / "users.csv";
  std::ofstream(file) << "alias,display name,email\n";
  BOOST_REQUIRE(::truncate(file.c_str(), (off_t{64} << 20) + 1) == 0);  // sparse: costs no disk
  const std::string message = file_refusal(file);
  BOOST_TEST(message.find("the limit is 64 MiB") != std::string::npos, message);
}

BOOST_AUTO_TEST_CASE(the_file_is_read_a_line_at_a_time_and_a_huge_line_is_refused) {
  // One line of 1 MiB: no display name is that long, and reading it whole is what streaming avoids.
  const arbor::testing::temporary_directory dir;
  const auto file = dir / "users.csv";
  std::ofstream(file) << "alias,display name,email\nalice,Alice,alice@example.org\nbob," << std::string(1 << 20, 'B')
                      << ",bob@example.org\n";
  const std::string message = file_refusal(file);
  BOOST_TEST(message.find("line 3 of users.csv is longer than 64 KiB") != std::string::npos, message);
  std::ofstream(file) << "alias,display name,email\n\nalice,Alice,alice@example.org\r\ncarol,Carol,c@example.org";
  const auto users = read_user_csv(file);
  BOOST_TEST_REQUIRE(users.size() == 2u);
  BOOST_TEST(users[1].origin() == "line 4 of users.csv");
  BOOST_TEST(users[1].email() == "c@example.org");
}

BOOST_AUTO_TEST_CASE(users_are_read_with_quotes_crlf_and_blank_lines) {
  const auto users = parse_user_csv(
      "alias,display name,email\r\n"
      "alice,Alice Liddell,alice@example.org\r\n"
      "\r\n"
      "bob,\"Smith, \"\"Bob\"\"\",bob@example.org\n"
      "carol,,carol@example.org",
      "users.csv");
  BOOST_TEST_REQUIRE(users.size() == 3u);
  BOOST_TEST(users[0].alias() == "alice");
  BOOST_TEST(users[0].display_name() == "Alice Liddell");
  BOOST_TEST(users[1].display_name() == "Smith, \"Bob\"");
  BOOST_TEST(users[1].origin() == "line 4 of users.csv");
  BOOST_TEST(users[2].display_name().empty());
  BOOST_TEST(users[2].email() == "carol@example.org");
}

BOOST_AUTO_TEST_CASE(a_line_with_too_few_fields_is_named) {
  BOOST_TEST(refused_with("alias,display name,email\nalice,Alice,alice@example.org\nbob,bob@example.org\n",
                          "line 3 of users.csv: expected 3 fields"));
}

BOOST_AUTO_TEST_CASE(a_missing_header_is_refused_on_line_one) {
  BOOST_TEST(refused_with("alice,Alice,alice@example.org\n", "line 1 of users.csv: the first line must be the header"));
}

BOOST_AUTO_TEST_CASE(an_email_a_certificate_cannot_carry_is_named_with_its_line) {
  BOOST_TEST(refused_with("alias,display name,email\nalice,Alice,not-an-address\n", "line 2 of users.csv"));
}

BOOST_AUTO_TEST_CASE(an_alias_with_a_space_is_refused) {
  BOOST_TEST(refused_with("alias,display name,email\nal ice,Alice,alice@example.org\n", "line 2 of users.csv: the alias"));
}

BOOST_AUTO_TEST_CASE(an_alias_given_twice_in_any_case_is_refused) {
  BOOST_TEST(refused_with("alias,display name,email\nalice,A,a@example.org\nALICE,B,b@example.org\n",
                          "line 3 of users.csv: the alias 'ALICE' is given twice"));
}

BOOST_AUTO_TEST_CASE(an_unterminated_quote_is_refused) {
  BOOST_TEST(refused_with("alias,display name,email\nalice,\"Alice,alice@example.org\n", "line 2 of users.csv: a quoted field is not closed"));
}

BOOST_AUTO_TEST_CASE(an_empty_file_is_refused) { BOOST_TEST(refused_with("\n\n", "users.csv is empty")); }

BOOST_AUTO_TEST_CASE(every_refusal_says_nothing_was_imported) {
  BOOST_TEST(refused_with("alias,display name,email\nbob\n", "nothing of the file was imported"));
}
