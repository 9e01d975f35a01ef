#pragma once
// Services that plugins offer one another: a plugin publishes a service under its own id, and an
// extension snap-in finds it by the providing plugin's id, the service id and version. The host
// only relays them; it never knows what a published service does. The host loads every plugin an
// extension names under "extends" in its manifest (and so lets it publish) before the extension
// itself. Since 1.1.
#include <arbor/sdk/error.hpp>
#include <arbor/sdk/services.hpp>

#include <cstdint>
#include <string_view>

namespace arbor::sdk {

class plugin_services : public service {
 public:
  static constexpr std::string_view id = "arbor.plugin-services";
  static constexpr std::uint32_t version = 1;

  /// Offers `provided` as `service_id` at `service_version`, under the calling plugin's id. It
  /// must stay valid until the plugin is destroyed, and its calls must not throw: callers in other
  /// plugins are not guarded against them. Publishing the same id twice is a conflict.
  virtual result<void> add(std::string_view service_id, std::uint32_t service_version, service& provided) = 0;

  /// The service `service_id` that plugin `provider` published at `service_version` or a newer,
  /// compatible version; nullptr when `provider` is not loaded or publishes no such service.
  virtual service* find(std::string_view provider, std::string_view service_id,
                        std::uint32_t service_version) noexcept = 0;

  /// Typed publishing: `plugin_services->publish<audit_trail>(my_trail)`.
  template <class S>
  result<void> publish(S& provided) {
    return add(S::id, S::version, provided);
  }

  /// Typed lookup: `plugin_services->get<audit_trail>("org.arbor.keymanager")`.
  template <class S>
  S* get(std::string_view provider) noexcept {
    return static_cast<S*>(find(provider, S::id, S::version));
  }
};

}  // namespace arbor::sdk
