#pragma once
// Small modal boxes drawn over the current screen: a message, a yes/no question, a masked
// password prompt. The caller redraws its screen afterwards.
#include "host/tui/lines.hpp"

#include <arbor/sdk/secret_text.hpp>

#include <optional>
#include <string_view>

namespace arbor::host::tui {

/// A message until Enter or Esc; `s` colours the text (style::error for a failure).
void message_box(std::string_view title, std::string_view message, style s);

/// Yes or No (y / n, Left / Right / Tab and Enter); Esc and SIGINT answer no.
bool ask_yes_no(std::string_view question);

/// A password typed with '*' shown per character; Enter gives it, Esc gives nothing. The text
/// is held in a wiping editor and handed over as secret_text.
std::optional<sdk::secret_text> ask_secret(std::string_view label);

}  // namespace arbor::host::tui
