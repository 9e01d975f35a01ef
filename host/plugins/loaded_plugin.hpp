#pragma once
// A plugin object together with the library that made it. The object is destroyed by its own
// library's destroy() before the library can be released, so no plugin code outlives its code.
#include "host/plugins/manifest.hpp"
#include "host/plugins/plugin_library.hpp"
#include "host/plugins/service_table.hpp"

#include <arbor/sdk/plugin.hpp>

#include <memory>
#include <string>
#include <vector>

namespace arbor::host {

/// A checked, created and attached plugin. Shared with the wizards it opens, which keep it (and
/// so its library) alive until they are gone.
class loaded_plugin {
 public:
  /// Checks the entry point against `m`, then creates the plugin and attaches it to the services
  /// `services` hands it. Every failure, thrown or returned, is an error naming the library.
  /// `bases` are the loaded plugins `m` extends: they outlive this one, whose calls may reach
  /// the services they published.
  static sdk::result<std::shared_ptr<loaded_plugin>> create(std::shared_ptr<const plugin_library> library,
                                                            const manifest& m, service_table& services,
                                                            std::vector<std::shared_ptr<loaded_plugin>> bases);
  ~loaded_plugin();
  loaded_plugin(const loaded_plugin&) = delete;
  loaded_plugin& operator=(const loaded_plugin&) = delete;

  sdk::plugin& object() noexcept { return *object_; }
  /// The plugin's row selection (SDK 1.2), or nullptr when it offers none.
  sdk::row_selection* row_selection() noexcept { return row_selection_; }

 private:
  loaded_plugin(std::shared_ptr<const plugin_library> library, sdk::plugin* object, service_table& services,
                std::string id, std::vector<std::shared_ptr<loaded_plugin>> bases);
  std::vector<std::shared_ptr<loaded_plugin>> bases_;  ///< released after this plugin is destroyed
  std::shared_ptr<const plugin_library> library_;
  sdk::plugin* object_;
  sdk::row_selection* row_selection_{nullptr};
  service_table& services_;
  std::string id_;
};

}  // namespace arbor::host
