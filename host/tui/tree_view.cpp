#include "host/tui/tree_view.hpp"

#include <algorithm>

namespace arbor::host::tui {

tree_view::tree_view(const tree_node& root) : selected_(&root) { expanded_.insert(&root); }

void tree_view::add_rows(const tree_node& node, std::size_t depth, std::vector<tree_row>& out) const {
  const bool open = is_expanded(node);
  out.push_back(tree_row{&node, depth, open});
  if (!open) return;
  for (const auto& child : node.children) add_rows(*child, depth + 1, out);
}

std::vector<tree_row> tree_view::rows() const {
  const tree_node* root = selected_;
  while (root->parent != nullptr) root = root->parent;
  std::vector<tree_row> out;
  add_rows(*root, 0, out);
  return out;
}

std::size_t tree_view::selected_row() const {
  const auto all = rows();
  auto it = std::find_if(all.begin(), all.end(), [&](const tree_row& r) { return r.node == selected_; });
  return static_cast<std::size_t>(it - all.begin());
}

void tree_view::move(std::ptrdiff_t delta) {
  const auto all = rows();
  const auto last = static_cast<std::ptrdiff_t>(all.size()) - 1;
  const auto target = std::clamp(static_cast<std::ptrdiff_t>(selected_row()) + delta, std::ptrdiff_t{0}, last);
  selected_ = all[static_cast<std::size_t>(target)].node;
}

bool tree_view::expand() {
  if (selected_->children.empty() || is_expanded(*selected_)) return false;
  expanded_.insert(selected_);
  return true;
}

void tree_view::collapse() {
  if (!selected_->children.empty() && is_expanded(*selected_)) {
    expanded_.erase(selected_);
  } else if (selected_->parent != nullptr) {
    selected_ = selected_->parent;
  }
}

}  // namespace arbor::host::tui
