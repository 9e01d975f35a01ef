#include "host/tui/outcome_log.hpp"

#include <algorithm>
#include <string>

namespace arbor::host::tui {
namespace {

constexpr std::size_t max_count_digits = 9;

bool is_count(std::string_view value) {
  return !value.empty() && value.size() <= max_count_digits &&
         std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

void log_outcome(sdk::log& log, std::string_view label, const wizard_outcome& outcome) {
  const std::string task(label);
  switch (outcome.end) {
    case wizard_end::completed:
      log.write(sdk::log_level::info, task + " completed.");
      for (const sdk::summary_item& item : outcome.summary->items)
        if (is_count(item.value)) log.write(sdk::log_level::info, task + ": " + item.label + ": " + item.value);
      return;
    case wizard_end::cancelled: log.write(sdk::log_level::info, task + ": " + outcome.error.message); return;
    // The operator corrects a refusal on the page; it is no failure to alert about.
    case wizard_end::refused: log.write(sdk::log_level::info, task + ": answers refused: " + outcome.error.message); return;
    default: log.write(sdk::log_level::error, task + " failed: " + outcome.error.message); return;
  }
}

}  // namespace arbor::host::tui
