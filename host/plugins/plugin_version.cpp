#include "host/plugins/plugin_version.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <vector>

namespace arbor::host {
namespace {

bool digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

/// The parts' leading numbers, saturating instead of overflowing.
std::vector<std::uint64_t> parts(std::string_view text) {
  std::vector<std::uint64_t> numbers;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t dot = text.find('.', start);
    if (dot == std::string_view::npos) dot = text.size();
    std::uint64_t value = 0;
    for (std::size_t i = start; i < dot && digit(text[i]); ++i)
      value = value > (UINT64_MAX - 9) / 10 ? UINT64_MAX : value * 10 + static_cast<std::uint64_t>(text[i] - '0');
    numbers.push_back(value);
    start = dot + 1;
  }
  return numbers;
}

}  // namespace

bool is_dotted_version(std::string_view text) noexcept {
  if (text.empty() || text.front() == '.' || text.back() == '.' || text.find("..") != std::string_view::npos) return false;
  return std::all_of(text.begin(), text.end(), [](char c) { return c == '.' || digit(c); });
}

bool version_at_least(std::string_view version, std::string_view minimum) {
  std::vector<std::uint64_t> have = parts(version);
  std::vector<std::uint64_t> need = parts(minimum);
  const std::size_t size = std::max(have.size(), need.size());
  have.resize(size, 0);
  need.resize(size, 0);
  return have >= need;
}

}  // namespace arbor::host
