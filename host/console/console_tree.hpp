#pragma once
// The console tree, built from manifests alone: no plugin library is opened to draw it.
#include "host/plugins/manifest.hpp"

#include <arbor/sdk/node.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace arbor::host {

/// One node of the console tree. A node with an empty `type` is a plain folder: the root, or a
/// parent implied by a declared node's path.
struct tree_node {
  std::string name;       ///< last path segment; "Console Root" for the root
  std::string path;       ///< relative to the root ("Advanced Security/Key Manager"); "" for the root
  std::string type;       ///< the declared node type; empty for folders
  std::string plugin_id;  ///< the manifest that declared the node; empty for folders
  std::string help{};     ///< the manifest's longer help text; empty for folders and when it gives none
  const tree_node* parent{nullptr};
  std::vector<std::unique_ptr<tree_node>> children;  ///< in declaration order

  bool is_folder() const noexcept { return type.empty(); }
  /// What a plugin is told about this node.
  sdk::node_ref ref() const { return sdk::node_ref{path, type}; }
};

/// The tree of every node the healthy manifests declare, under "Console Root".
class console_tree {
 public:
  /// Adds the nodes of each manifest in order. When two manifests declare the same path the
  /// first keeps it (the registry already refuses such a manifest).
  explicit console_tree(const std::vector<const manifest*>& manifests);

  const tree_node& root() const noexcept { return root_; }

  /// The node at `path` ('/'-separated, case-sensitive, "Console Root/" prefix optional), or
  /// nullptr.
  const tree_node* find(std::string_view path) const;

 private:
  void add(const node_decl& node, const std::string& plugin_id);

  tree_node root_;
};

}  // namespace arbor::host
