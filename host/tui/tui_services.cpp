#include "host/tui/tui_services.hpp"

#include "host/tui/dialogs.hpp"

namespace arbor::host::tui {

const char* level_name(sdk::log_level level) noexcept {
  switch (level) {
    case sdk::log_level::debug: return "debug";
    case sdk::log_level::info: return "info";
    case sdk::log_level::warning: return "warning";
    case sdk::log_level::error: return "error";
  }
  return "log";
}

void memory_log::write(sdk::log_level level, std::string_view message) {
  lines_.push_back(log_line{level, std::string(message)});
  if (lines_.size() > capacity) lines_.pop_front();
  if (level == sdk::log_level::warning || level == sdk::log_level::error) alert_ = lines_.back();
}

std::optional<log_line> memory_log::take_alert() {
  std::optional<log_line> taken;
  taken.swap(alert_);
  return taken;
}

bool dialog_confirmation::confirm(std::string_view question) { return ask_yes_no(question); }

std::optional<sdk::secret_text> dialog_secret_prompt::ask(std::string_view label) { return ask_secret(label); }

tui_services::tui_services(service_table& table) : table_(table) {
  table_.set_log(&log);
  table_.set_confirmation(&confirmation);
  table_.set_secret_prompt(&secret_prompt);
  table_.set_progress(&progress);
}

tui_services::~tui_services() {
  table_.set_log(nullptr);
  table_.set_confirmation(nullptr);
  table_.set_secret_prompt(nullptr);
  table_.set_progress(nullptr);
}

}  // namespace arbor::host::tui
