#pragma once
// The host services the console offers. Front ends install the interactive ones (secret prompt,
// confirmation, progress, log); the table hands each plugin a view that adds its own data
// directory, configuration, and the services plugins publish for one another.
#include <arbor/sdk/services.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace arbor::host {

/// The console's host services, and one per-plugin view of them (see for_plugin()).
class service_table {
 public:
  /// Installs the front end's implementations; they must outlive the table's users.
  void set_secret_prompt(sdk::secret_prompt* s) noexcept { secret_prompt_ = s; }
  void set_confirmation(sdk::confirmation* s) noexcept { confirmation_ = s; }
  void set_progress(sdk::progress* s) noexcept { progress_ = s; }
  void set_log(sdk::log* s) noexcept { log_ = s; }

  /// `--data-dir`: used by every plugin that has no directory of its own set.
  void set_data_dir(std::filesystem::path dir) { data_dir_ = std::move(dir); }
  /// What set_data_dir set: empty without --data-dir.
  const std::filesystem::path& data_dir() const noexcept { return data_dir_; }
  /// `--config key=value`, visible to every plugin.
  void set_config(std::string key, std::string value) { config_[std::move(key)] = std::move(value); }

  /// The registry one plugin sees. Owned by the table, alive as long as it.
  sdk::host_services& for_plugin(const std::string& plugin_id);

  /// Forgets every service `plugin_id` published, before that plugin is destroyed.
  void withdraw(std::string_view plugin_id);

  /// Writes to the installed log service; does nothing when none is installed.
  void write_log(sdk::log_level level, std::string_view message) const;

 private:
  class plugin_view;
  friend class plugin_view;
  /// One service a plugin published (sdk::plugin_services).
  struct published {
    std::string provider;
    std::string id;
    std::uint32_t version;
    sdk::service* service;
  };
  sdk::secret_prompt* secret_prompt_{nullptr};
  sdk::confirmation* confirmation_{nullptr};
  sdk::progress* progress_{nullptr};
  sdk::log* log_{nullptr};
  std::filesystem::path data_dir_;
  std::map<std::string, std::string, std::less<>> config_;
  std::vector<published> published_;
  std::map<std::string, std::unique_ptr<sdk::host_services>, std::less<>> views_;
};

}  // namespace arbor::host
