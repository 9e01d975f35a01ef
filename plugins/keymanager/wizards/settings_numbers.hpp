#pragma once
// Whole numbers typed on properties tabs.
#include <cstdint>
#include <string_view>

namespace arbor::km::wizards {

/// `text` as a whole number. errc::bad_input naming `field` (its label) when it is not one.
std::int64_t whole_number(std::string_view text, std::string_view field);

}  // namespace arbor::km::wizards
