#pragma once
// The host services of the scripted front end, installed into the service table.
#include "host/cli/password_source.hpp"
#include "host/plugins/service_table.hpp"

#include <arbor/sdk/services.hpp>

#include <cstdint>
#include <string>

namespace arbor::host::cli {

/// Log lines on stderr ("arbor: warning: ..."); debug lines only with --verbose.
class stderr_log final : public sdk::log {
 public:
  explicit stderr_log(bool verbose) : verbose_(verbose) {}
  void write(sdk::log_level level, std::string_view message) override;

 private:
  bool verbose_;
};

/// Yes with --yes; otherwise refuses, and logs the question and how to agree.
class flag_confirmation final : public sdk::confirmation {
 public:
  flag_confirmation(bool yes, sdk::log& log) : yes_(yes), log_(log) {}
  bool confirm(std::string_view question) override;

 private:
  bool yes_;
  sdk::log& log_;
};

/// One rewritten line on stderr when it is a terminal, nothing otherwise; cancelled() reports
/// Ctrl-C.
class text_progress final : public sdk::progress {
 public:
  text_progress();
  void begin(std::string_view label, std::uint64_t total) override;
  void advance(std::uint64_t done, std::string_view note) override;
  bool cancelled() const override;
  void end() override;

 private:
  bool on_terminal_;
  std::string label_;
  std::uint64_t total_{0};
};

/// Every service of the scripted front end; lives as long as the plugin registry using it.
struct cli_services {
  stderr_log log;
  flag_confirmation confirmation;
  text_progress progress;
  password_source passwords = password_source::from_terminal();  ///< `arbor run` may switch to a file or fd

  cli_services(bool verbose, bool yes) : log(verbose), confirmation(yes, log) {}

  /// Installs the services into `table`.
  void install(service_table& table);
};

}  // namespace arbor::host::cli
