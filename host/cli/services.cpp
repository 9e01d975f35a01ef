#include "host/cli/services.hpp"

#include "host/cli/interrupt.hpp"

#include <unistd.h>

#include <iostream>

namespace arbor::host::cli {
namespace {

const char* level_name(sdk::log_level level) {
  switch (level) {
    case sdk::log_level::debug: return "debug";
    case sdk::log_level::info: return "info";
    case sdk::log_level::warning: return "warning";
    case sdk::log_level::error: return "error";
  }
  return "log";
}

// Returns to the start of the progress line and clears it. Written past std::cerr, whose
// escaping (escaped_output.hpp) would show the sequence instead of obeying it.
void clear_progress_line() {
  std::cerr.flush();
  [[maybe_unused]] const auto written = ::write(STDERR_FILENO, "\r\033[K", 4);
}

}  // namespace

void stderr_log::write(sdk::log_level level, std::string_view message) {
  if (level == sdk::log_level::debug && !verbose_) return;
  // One write per line: lines logged by several threads at once (arbor web) stay whole.
  std::cerr << "arbor: " + std::string(level_name(level)) + ": " + std::string(message) + '\n';
}

bool flag_confirmation::confirm(std::string_view question) {
  if (yes_) return true;
  log_.write(sdk::log_level::warning, std::string(question) + " Not confirmed: add --yes to agree in scripted mode.");
  return false;
}

text_progress::text_progress() : on_terminal_(::isatty(STDERR_FILENO) == 1) {}

void text_progress::begin(std::string_view label, std::uint64_t total) {
  label_ = label;
  total_ = total;
  advance(0, {});
}

void text_progress::advance(std::uint64_t done, std::string_view note) {
  if (!on_terminal_) return;
  clear_progress_line();
  std::cerr << label_ << ": " << done;
  if (total_ != 0) std::cerr << '/' << total_;
  if (!note.empty()) std::cerr << "  " << note;
  std::cerr << std::flush;
}

bool text_progress::cancelled() const { return interrupted(); }

void text_progress::end() {
  if (on_terminal_) clear_progress_line();
}

void cli_services::install(service_table& table) {
  table.set_log(&log);
  table.set_confirmation(&confirmation);
  table.set_progress(&progress);
  table.set_secret_prompt(&passwords);
}

}  // namespace arbor::host::cli
