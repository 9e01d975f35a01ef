#pragma once
// The plugins the console knows: discovered from manifests at start-up, loaded only when one of
// their nodes or actions is first used, and isolated: every call into a plugin is guarded, and a
// plugin that fails is marked failed with its reason while the others keep working.
#include "host/plugins/manifest.hpp"
#include "host/plugins/service_table.hpp"

#include <arbor/sdk/plugin.hpp>

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace arbor::host {

/// Life of a plugin in this console. Zero is deliberately unused.
enum class plugin_state : unsigned char {
  discovered = 1,  ///< manifest valid; library not opened yet
  loaded,          ///< library opened, checked, plugin created and attached
  failed,          ///< see `error`; the plugin is not used again in this run
  inactive,        ///< an extension whose base plugin is missing, failed or too old (see `error`):
                   ///< it contributes nothing in this run, and nothing is wrong with it
};

const char* to_string(plugin_state s) noexcept;

/// What the console knows of one manifest file.
struct plugin_status {
  std::filesystem::path manifest_file;
  std::string id;                     ///< from the manifest when it could be read
  plugin_state state{plugin_state::discovered};
  std::optional<host::manifest> manifest;  ///< empty when the manifest itself is bad
  sdk::error error;                   ///< meaningful when state is failed or inactive
};

/// Where manifests and libraries are looked for.
struct registry_options {
  std::vector<std::filesystem::path> manifest_dirs;
  std::vector<std::filesystem::path> plugin_dirs;  ///< for library names that are not absolute
};

/// Every plugin of one console run: discovers manifests, loads libraries lazily, guards calls.
/// Libraries stay open while the registry (or a wizard it opened) lives.
class plugin_registry {
 public:
  plugin_registry(registry_options options, service_table& services);
  ~plugin_registry();
  plugin_registry(const plugin_registry&) = delete;
  plugin_registry& operator=(const plugin_registry&) = delete;

  /// Reads every *.json manifest in the manifest dirs (sorted by file name). Opens no library.
  /// Bad manifests and duplicate ids become failed entries with their reasons, and so do node
  /// paths already taken and actions on node types no manifest declares; a manifest directory
  /// that cannot be listed becomes a failed entry named after the directory. An extension whose
  /// base plugin is missing, failed or too old becomes inactive.
  void discover();

  /// Every manifest seen, healthy or not, in discovery order.
  const std::vector<plugin_status>& plugins() const noexcept;

  /// The healthy manifests (neither failed nor inactive), for building the tree and menus.
  std::vector<const manifest*> manifests() const;

  /// Loads the plugin on first use: opens the library (rtld_now), reads the entry point, checks
  /// API major/minor, struct size, id, version and that every declared action has a handler,
  /// then creates and attaches the plugin. The plugins it extends are loaded first, so their
  /// published services are there when it attaches, and they outlive it. Failure marks the
  /// plugin failed.
  sdk::result<sdk::plugin*> plugin(std::string_view id);

  /// Guarded calls: exceptions from the plugin become internal errors naming the plugin.
  sdk::result<sdk::details_view> details(std::string_view id, const sdk::node_ref& node, sdk::row_window window);
  /// The returned wizard is wrapped so each of its calls is guarded too; it keeps its plugin and
  /// library alive. `action_id` must be declared by this plugin's manifest.
  sdk::result<std::unique_ptr<sdk::wizard>> open(std::string_view id, const sdk::node_ref& node,
                                                 std::string_view action_id);

  /// Row actions (SDK 1.2, guarded like every call). The id of the column that names the rows of
  /// `table_title` on `node`, or empty when the plugin offers no row selection for that table
  /// (plugins built before 1.2 never do).
  sdk::result<std::string> row_key(std::string_view id, const sdk::node_ref& node, std::string_view table_title);
  /// Whether `action_id` on `node` starts with rows of `table_title` chosen; false for plugins
  /// without row selection.
  sdk::result<bool> takes_rows(std::string_view id, const sdk::node_ref& node, std::string_view action_id,
                               std::string_view table_title);
  /// As open(), with `rows` (values of the key column) chosen in advance. Fails for a plugin
  /// without row selection or an action that does not take rows.
  sdk::result<std::unique_ptr<sdk::wizard>> open_selected(std::string_view id, const sdk::node_ref& node,
                                                          std::string_view action_id, std::string_view table_title,
                                                          const std::vector<std::string>& rows);

  /// How many libraries this registry has opened (start-up must open none).
  std::size_t libraries_opened() const noexcept;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace arbor::host
