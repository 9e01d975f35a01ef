#include "host/console/row_order.hpp"

#include <algorithm>

namespace arbor::host {
namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

char folded(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

/// The run of digits at the start of `text`, without its leading zeros.
std::string_view digit_run(std::string_view text, std::size_t& length) noexcept {
  length = 0;
  while (length < text.size() && is_digit(text[length])) ++length;
  std::size_t zeros = 0;
  while (zeros + 1 < length && text[zeros] == '0') ++zeros;
  return text.substr(zeros, length - zeros);
}

int sign(int value) noexcept { return (value > 0) - (value < 0); }

}  // namespace

int natural_compare(std::string_view a, std::string_view b) noexcept {
  while (!a.empty() && !b.empty()) {
    if (is_digit(a.front()) && is_digit(b.front())) {
      std::size_t a_length = 0;
      std::size_t b_length = 0;
      const std::string_view a_number = digit_run(a, a_length);
      const std::string_view b_number = digit_run(b, b_length);
      // Without leading zeros, a longer run is a larger number; equal lengths compare as text.
      if (a_number.size() != b_number.size()) return a_number.size() < b_number.size() ? -1 : 1;
      if (const int c = a_number.compare(b_number); c != 0) return sign(c);
      a.remove_prefix(a_length);
      b.remove_prefix(b_length);
      continue;
    }
    const auto x = static_cast<unsigned char>(folded(a.front()));
    const auto y = static_cast<unsigned char>(folded(b.front()));
    if (x != y) return x < y ? -1 : 1;
    a.remove_prefix(1);
    b.remove_prefix(1);
  }
  return a.empty() ? (b.empty() ? 0 : -1) : 1;
}

void sort_rows(std::vector<std::vector<std::string>>& rows, std::size_t column, bool descending) {
  static const std::string missing;
  auto cell = [column](const std::vector<std::string>& row) -> const std::string& {
    return column < row.size() ? row[column] : missing;
  };
  std::stable_sort(rows.begin(), rows.end(), [&](const auto& x, const auto& y) {
    const int c = natural_compare(cell(x), cell(y));
    return descending ? c > 0 : c < 0;
  });
}

bool contains_folded(std::string_view text, std::string_view needle) {
  return std::search(text.begin(), text.end(), needle.begin(), needle.end(),
                     [](char a, char b) { return folded(a) == folded(b); }) != text.end();
}

bool row_matches(const std::vector<std::string>& row, std::string_view filter) {
  return std::any_of(row.begin(), row.end(), [&](const std::string& cell) { return contains_folded(cell, filter); });
}

}  // namespace arbor::host
