#pragma once
// The host services of the interactive console: log lines kept for the Log view and the status
// line, confirmations and password prompts as dialogs, progress as a dialog with cancellation.
#include "host/plugins/service_table.hpp"
#include "host/tui/progress_dialog.hpp"

#include <arbor/sdk/services.hpp>

#include <cstddef>
#include <deque>
#include <filesystem>
#include <optional>
#include <string>

namespace arbor::host::tui {

/// One log line as kept.
struct log_line {
  sdk::log_level level{sdk::log_level::info};
  std::string message;
};

/// Keeps the last `capacity` lines; the console shows the newest warning in its status line.
class memory_log final : public sdk::log {
 public:
  static constexpr std::size_t capacity = 500;
  void write(sdk::log_level level, std::string_view message) override;
  const std::deque<log_line>& lines() const noexcept { return lines_; }
  /// The newest warning or error not yet taken, then nothing until another arrives.
  std::optional<log_line> take_alert();

 private:
  std::deque<log_line> lines_;
  std::optional<log_line> alert_;
};

class dialog_confirmation final : public sdk::confirmation {
 public:
  bool confirm(std::string_view question) override;
};

class dialog_secret_prompt final : public sdk::secret_prompt {
 public:
  std::optional<sdk::secret_text> ask(std::string_view label) override;
};

/// Every interactive service, installed into a service table for as long as this lives; on
/// destruction the table is left without them (plugins look services up when they use them).
class tui_services {
 public:
  explicit tui_services(service_table& table);
  ~tui_services();
  tui_services(const tui_services&) = delete;
  tui_services& operator=(const tui_services&) = delete;

  memory_log log;
  dialog_confirmation confirmation;
  dialog_secret_prompt secret_prompt;
  progress_dialog progress{log};

  /// The console's --data-dir, empty without one.
  const std::filesystem::path& data_dir() const noexcept { return table_.data_dir(); }

 private:
  service_table& table_;
};

/// Stable lower-case name of a level, for the Log view.
const char* level_name(sdk::log_level level) noexcept;

}  // namespace arbor::host::tui
