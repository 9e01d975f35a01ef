#pragma once
// Host services: what the console offers a plugin, looked up by id and version so that adding a
// service, or a newer version of one, never breaks a plugin built against an older SDK. Since 1.0.
#include <arbor/sdk/secret_text.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace arbor::sdk {

/// Base of every service; each derived service names its `id` and `version`.
class service {
 public:
  virtual ~service() = default;
};

/// The registry a plugin receives in plugin::attach(). It outlives the plugin.
class host_services {
 public:
  virtual ~host_services() = default;

  /// The service `id` at `version` or a compatible newer one, or nullptr when the host has none.
  virtual service* find(std::string_view id, std::uint32_t version) noexcept = 0;

  /// Typed lookup: `services.get<progress>()`.
  template <class S>
  S* get() noexcept {
    return static_cast<S*>(find(S::id, S::version));
  }
};

/// Asks the operator for a secret outside a wizard page (masked on a terminal, read from
/// --password-file or --password-fd in scripted mode). Empty optional: none given.
class secret_prompt : public service {
 public:
  static constexpr std::string_view id = "arbor.secret-prompt";
  static constexpr std::uint32_t version = 1;
  virtual std::optional<secret_text> ask(std::string_view label) = 0;
};

/// Asks the operator a yes/no question. Scripted mode answers from --yes, or refuses.
class confirmation : public service {
 public:
  static constexpr std::string_view id = "arbor.confirmation";
  static constexpr std::uint32_t version = 1;
  virtual bool confirm(std::string_view question) = 0;
};

/// Progress of a running task, with cancellation. A task calls begin() with the number of
/// steps, advance() as it goes, and polls cancelled() where stopping is still safe.
class progress : public service {
 public:
  static constexpr std::string_view id = "arbor.progress";
  static constexpr std::uint32_t version = 1;
  virtual void begin(std::string_view label, std::uint64_t total) = 0;
  virtual void advance(std::uint64_t done, std::string_view note) = 0;
  virtual bool cancelled() const = 0;
  virtual void end() = 0;
};

/// Severity of a log line.
enum class log_level : unsigned char { debug = 1, info, warning, error };

/// The console's log. Never log a secret.
class log : public service {
 public:
  static constexpr std::string_view id = "arbor.log";
  static constexpr std::uint32_t version = 1;
  virtual void write(log_level level, std::string_view message) = 0;
};

/// Where this plugin keeps its state (`--data-dir`, or the host's default for the plugin).
/// The directory may not exist yet; the plugin creates it with the permissions it needs.
class data_directory : public service {
 public:
  static constexpr std::string_view id = "arbor.data-directory";
  static constexpr std::uint32_t version = 1;
  virtual std::filesystem::path path() const = 0;
};

/// Plain settings given to the console (`--config key=value`, ARBOR_CONFIG_<KEY>), per plugin.
class configuration : public service {
 public:
  static constexpr std::string_view id = "arbor.configuration";
  static constexpr std::uint32_t version = 1;
  virtual std::optional<std::string> get(std::string_view key) const = 0;
};

}  // namespace arbor::sdk
