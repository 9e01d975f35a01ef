#pragma once
// The tree pane's state: which nodes are expanded, which one is selected, and the rows that are
// visible. Drawing is elsewhere; this only answers "what is on screen" and reacts to keys.
#include "host/console/console_tree.hpp"

#include <cstddef>
#include <set>
#include <vector>

namespace arbor::host::tui {

/// One visible line of the tree pane.
struct tree_row {
  const tree_node* node{nullptr};
  std::size_t depth{0};
  bool expanded{false};
};

class tree_view {
 public:
  /// Starts with the root expanded and selected. `root` must outlive the view.
  explicit tree_view(const tree_node& root);

  /// The visible rows, depth first, children in declaration order.
  std::vector<tree_row> rows() const;

  const tree_node& selected() const noexcept { return *selected_; }
  /// Index of the selected node in rows().
  std::size_t selected_row() const;

  /// Moves the selection by `delta` visible rows, stopping at the first and last.
  void move(std::ptrdiff_t delta);

  /// Expands the selected node. False when it has no children or is already expanded.
  bool expand();

  /// Collapses the selected node, or, when it is collapsed or a leaf, selects its parent.
  void collapse();

  bool is_expanded(const tree_node& node) const { return expanded_.count(&node) != 0; }

 private:
  void add_rows(const tree_node& node, std::size_t depth, std::vector<tree_row>& out) const;

  const tree_node* selected_;
  std::set<const tree_node*> expanded_;
};

}  // namespace arbor::host::tui
