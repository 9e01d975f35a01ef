#include "wizards/settings_numbers.hpp"

#include <charconv>
#include <string>

#include "common/km_error.hpp"

namespace arbor::km::wizards {

std::int64_t whole_number(std::string_view text, std::string_view field) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size())
    throw error(errc::bad_input, "'" + std::string(text) + "' is not a whole number (under '" + std::string(field) + "').");
  return value;
}

}  // namespace arbor::km::wizards
