#define BOOST_TEST_MODULE summary_layout_test
// The summary screen's labels and the fingerprints on wizard pages: nothing is cut. A label is
// whole on a line wherever the width allows, wrapped in its column where it does not; a long
// hex fingerprint breaks only between bytes.
#include <boost/test/unit_test.hpp>

#include "host/tui/summary_lines.hpp"
#include "host/tui/text.hpp"

#include <string>
#include <vector>

using namespace arbor;
using namespace arbor::host::tui;

namespace {

const std::string revoked_label = "Users could not be revoked (still exported)";
const std::string keyless_label = "Users had no key history (deleted but not exported)";

sdk::summary export_summary() {
  return sdk::summary{"The users were exported",
                      {{"not_revoked", revoked_label, "0", {}},
                       {"no_key_history", keyless_label, "1", {"erin"}},
                       {"exported", "Total users exported", "2", {}}},
                      std::nullopt};
}

std::string all_text(const styled_lines& lines) {
  std::string text;
  for (const styled_line& line : lines) text += line.text + "\n";
  return text;
}

bool fits(const styled_lines& lines, std::size_t width) {
  for (const styled_line& line : lines)
    if (columns(line.text) > width) return false;
  return true;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_long_label_is_whole_at_80_and_120_columns_with_the_values_aligned) {
  for (const std::size_t width : {std::size_t{80}, std::size_t{120}}) {
    const styled_lines lines = summary_lines(export_summary(), width);
    BOOST_TEST(fits(lines, width));
    BOOST_REQUIRE(lines.size() >= 6u);
    BOOST_TEST(lines[2].text == revoked_label + ":" + std::string(keyless_label.size() - revoked_label.size() + 1, ' ') + "0");
    BOOST_TEST(lines[3].text == keyless_label + ": 1");
    BOOST_TEST(lines[4].text == "    erin");
    BOOST_TEST(lines[5].text.find("Total users exported:") == 0u);
    BOOST_TEST(lines[5].text.find(" 2") == keyless_label.size() + 1);
  }
}

BOOST_AUTO_TEST_CASE(a_label_wider_than_its_column_wraps_in_it_and_is_never_cut) {
  const styled_lines lines = summary_lines(export_summary(), 40);
  BOOST_TEST(fits(lines, 40));
  const std::string text = all_text(lines);
  for (const char* word : {"Users", "could", "not", "be", "revoked", "(still", "exported):", "history", "(deleted"})
    BOOST_TEST(text.find(word) != std::string::npos, word);
  // The first label's words in order, over more than one line, each line in the label column.
  BOOST_TEST(lines[2].text.find("Users could not be") == 0u, lines[2].text);
  BOOST_TEST(lines[2].text.substr(20).find('0') != std::string::npos, lines[2].text);  // its value on its first line
  BOOST_TEST(lines[3].text.find("revoked (still") == 0u, lines[3].text);
}

BOOST_AUTO_TEST_CASE(a_hostile_label_is_escaped) {
  const sdk::summary s{"Done", {{"k", "Bad\x1b[2Jlabel", "v", {"det\x1b]0;x\x07ail"}}}, std::nullopt};
  const std::string text = all_text(summary_lines(s, 80));
  BOOST_TEST(text.find('\x1b') == std::string::npos);
  BOOST_TEST(text.find('\x07') == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_fingerprint_with_colons_wraps_after_a_colon_at_80_and_120_columns) {
  std::string sha256;
  for (int i = 0; i < 32; ++i) sha256 += (i ? ":" : "") + std::string(i % 2 ? "A7" : "3F");
  for (const std::size_t width : {std::size_t{74}, std::size_t{40}}) {  // an 80-column page's room, a narrow one
    const std::vector<std::string> lines = wrap("SHA-256: " + sha256, width);
    BOOST_REQUIRE(lines.size() > 2u);
    BOOST_TEST(lines[0] == "SHA-256:");
    std::string joined;
    for (std::size_t i = 1; i < lines.size(); ++i) {
      BOOST_TEST(columns(lines[i]) <= width);
      if (i + 1 < lines.size()) BOOST_TEST(lines[i].back() == ':', lines[i]);  // a whole byte and its colon
      joined += lines[i];
    }
    BOOST_TEST(joined == sha256);
  }
  BOOST_TEST(wrap("SHA-256: " + sha256, 116).size() == 1u);  // 120 columns: one line
}

BOOST_AUTO_TEST_CASE(a_hex_fingerprint_without_colons_wraps_between_pairs) {
  const std::string hex(64, 'a');
  const std::vector<std::string> lines = wrap(hex, 25);
  BOOST_REQUIRE(lines.size() == 3u);
  BOOST_TEST(lines[0].size() == 24u);
  BOOST_TEST(lines[1].size() == 24u);
  BOOST_TEST(lines[2].size() == 16u);
  BOOST_TEST(wrap("abcdefghij", 4) == (std::vector<std::string>{"abcd", "efgh", "ij"}), boost::test_tools::per_element());
}
