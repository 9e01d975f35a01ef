#pragma once
// Text the Key Manager stores and later shows (a file name in summaries, --json and on terminals)
// must read as what it is: well-formed UTF-8 without control characters or the invisible marks
// that reorder what follows. UTF-8 is decoded by OpenSSL, as certificate names are; the classes
// refused are those the console escapes (<arbor/sdk/display_text.hpp>), which nothing below the
// wizards may include.
#include <cstddef>
#include <optional>
#include <string_view>

namespace arbor::km::crypto {

struct text_flaw {
  enum class kind : unsigned char { invalid_utf8 = 1, control, direction_mark } what;
  std::size_t offset;        ///< byte offset of the flaw
  char32_t code_point{0};    ///< 0 for invalid_utf8
};

/// The first flaw of `text`, or nothing when it is printable UTF-8.
std::optional<text_flaw> find_unprintable(std::string_view text);

}  // namespace arbor::km::crypto
