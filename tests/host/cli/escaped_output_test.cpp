#define BOOST_TEST_MODULE escaped_output
#include <boost/test/unit_test.hpp>

#include "host/cli/escaped_output.hpp"

#include <boost/json.hpp>

#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using arbor::host::cli::escape_style;
using arbor::host::cli::escaped_stream;

namespace {

// What `style` makes of `pieces` written one after the other.
std::string written(escape_style style, std::initializer_list<std::string> pieces) {
  std::ostringstream out;
  {
    const escaped_stream escaped(out, style);
    for (const std::string& piece : pieces) out << piece;
  }
  return out.str();
}

}  // namespace

BOOST_AUTO_TEST_CASE(terminal_sequences_in_a_display_name_are_shown_not_obeyed) {
  // A display name from a CSV: set the window title (OSC), turn the text red (CSI), ring.
  const std::string name = "Eve\x1b]0;pwned\x07\x1b[31mred\r";
  BOOST_TEST(written(escape_style::text, {"  " + name + "\n"}) == "  Eve\\x1B]0;pwned\\x07\\x1B[31mred\\x0D\n");
}

BOOST_AUTO_TEST_CASE(c1_and_bidi_controls_and_bytes_that_are_not_utf8_are_escaped_in_text) {
  BOOST_TEST(written(escape_style::text, {"a\u0085b\u202Ec\u2066d\x7f" "e\xff" "f\tg"}) ==
             "a\\u0085b\\u202Ec\\u2066d\\x7Fe\\xFFf\tg");
}

BOOST_AUTO_TEST_CASE(printable_utf8_passes_even_when_split_between_writes) {
  BOOST_TEST(written(escape_style::text, {"Z\xc3", "\xbcrich \xe6\x9d", "\xb1\xe4\xba\xac\n"}) == "Zürich 東京\n");
  BOOST_TEST(written(escape_style::text, {"cut \xe6\x9d"}) == "cut \\xE6\\x9D");
}

BOOST_AUTO_TEST_CASE(json_output_stays_valid_json_and_keeps_the_text) {
  const std::string hostile = "Eve\x1b]0;pwned\x07\u0085\u202E\xff";
  const std::string out =
      written(escape_style::json, {boost::json::serialize(boost::json::object{{"name", hostile}}), "\n"});
  BOOST_TEST(out.find('\x1b') == std::string::npos);
  BOOST_TEST(out.find("\xc2\x85") == std::string::npos);
  BOOST_TEST(out.find("\xe2\x80\xae") == std::string::npos);
  boost::system::error_code ec;
  const boost::json::value parsed = boost::json::parse(out, ec);
  BOOST_REQUIRE_MESSAGE(!ec, out);
  BOOST_TEST(parsed.at("name").as_string() == "Eve\x1b]0;pwned\x07\u0085\u202E\uFFFD");
}

// `arbor web` logs from many threads at once through the one escaping std::cerr: no line is lost,
// cut or mixed with another (and ASan/UBSan see no race on what is pending).
BOOST_AUTO_TEST_CASE(lines_written_by_several_threads_at_once_stay_whole) {
  std::ostringstream out;
  constexpr int threads = 8;
  constexpr int lines = 2000;
  {
    const escaped_stream escaped(out, escape_style::text);
    std::vector<std::thread> writers;
    for (int t = 0; t < threads; ++t)
      writers.emplace_back([&out, t] {
        for (int i = 0; i < lines; ++i) out << "thread " + std::to_string(t) + " line " + std::to_string(i) + " \x1b[31m\n";
      });
    for (auto& w : writers) w.join();
  }
  std::istringstream written(out.str());
  std::map<int, int> next;  // the line each thread wrote next, in its own order
  std::string line;
  const std::regex whole(R"(thread (\d) line (\d+) \\x1B\[31m)");
  int count = 0;
  while (std::getline(written, line)) {
    std::smatch m;
    BOOST_TEST_REQUIRE(std::regex_match(line, m, whole), line);
    const int t = std::stoi(m[1]);
    BOOST_TEST_REQUIRE(std::stoi(m[2]) == next[t]++);
    ++count;
  }
  BOOST_TEST(count == threads * lines);
}
