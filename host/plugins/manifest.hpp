#pragma once
// A plugin's manifest: everything the console needs to draw the tree and the menus without
// opening the plugin's library. Read from manifests/<id>.json with Boost.PropertyTree.
#include <arbor/sdk/error.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace arbor::host {

/// A node the plugin contributes. `path` is relative to "Console Root", segments joined by '/'
/// ("Advanced Security/Key Manager"); missing parents become plain folders.
struct node_decl {
  std::string path;
  std::string type;
  std::string help;  ///< optional longer text the console shows on F1; empty when absent. Since 1.2.
};

/// An action with a stable id, shown as `label` in menu `slot` ("All Tasks" or "Properties") on
/// every node of `node_type`, which may belong to another plugin (an extension).
struct action_decl {
  std::string id;
  std::string label;
  std::string node_type;
  std::string slot;
  std::string help;  ///< optional longer text the console shows on F1; empty when absent. Since 1.2.
  /// A Properties tab's answers for its pages before the login when the console shows it as a
  /// property sheet ("operation.action" -> "set"): pages whose every field is given here are not
  /// shown. Empty when absent. Since 1.2.
  std::vector<std::pair<std::string, std::string>> sheet_answers;
};

/// A plugin this one extends (an extension snap-in): only with it named here may this plugin's
/// actions target `plugin`'s node types. The extension is inactive unless `plugin` is installed,
/// healthy and at least `min_version`, and `plugin` is loaded before the extension.
struct extends_decl {
  std::string plugin;
  std::string min_version;  ///< dotted numbers ("0.2.0"); empty: any version
};

/// The parsed, validated manifest.
struct manifest {
  std::filesystem::path file;       ///< where it was read from
  std::string id;                   ///< reverse-DNS style, e.g. "org.arbor.keymanager"
  std::string name;                 ///< display name
  std::string version;              ///< the plugin's own version, must equal the library's
  std::uint16_t api_major{0};
  std::uint16_t api_minor{0};
  std::filesystem::path library;    ///< as written; resolved by the loader
  std::vector<node_decl> nodes;
  std::vector<action_decl> actions;
  std::vector<extends_decl> extends;
};

/// Known menu slots.
inline constexpr const char* slot_all_tasks = "All Tasks";
inline constexpr const char* slot_properties = "Properties";

/// Parses and validates manifest text; `file` is used in messages. Errors name the file, the
/// field and what to do.
sdk::result<manifest> parse_manifest(const std::string& text, const std::filesystem::path& file);

/// Reads and parses one manifest file.
sdk::result<manifest> read_manifest(const std::filesystem::path& file);

}  // namespace arbor::host
