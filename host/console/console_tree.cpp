#include "host/console/console_tree.hpp"

#include "host/console/tree_path.hpp"

#include <algorithm>

namespace arbor::host {
namespace {

tree_node* child_named(const tree_node& parent, std::string_view name) {
  auto it = std::find_if(parent.children.begin(), parent.children.end(),
                         [&](const auto& child) { return child->name == name; });
  return it == parent.children.end() ? nullptr : it->get();
}

}  // namespace

console_tree::console_tree(const std::vector<const manifest*>& manifests) {
  root_.name = console_root_name;
  for (const manifest* m : manifests)
    for (const node_decl& node : m->nodes) add(node, m->id);
}

void console_tree::add(const node_decl& node, const std::string& plugin_id) {
  tree_node* at = &root_;
  for (const std::string& segment : split_path(node.path)) {
    tree_node* next = child_named(*at, segment);
    if (!next) {
      auto created = std::make_unique<tree_node>();
      created->name = segment;
      created->path = at->path.empty() ? segment : at->path + '/' + segment;
      created->parent = at;
      next = created.get();
      at->children.push_back(std::move(created));
    }
    at = next;
  }
  if (at != &root_ && at->is_folder()) {  // an implied folder becomes the declared node
    at->type = node.type;
    at->plugin_id = plugin_id;
    at->help = node.help;
  }
}

const tree_node* console_tree::find(std::string_view path) const {
  const tree_node* at = &root_;
  for (const std::string& segment : split_path(path)) {
    at = child_named(*at, segment);
    if (!at) return nullptr;
  }
  return at;
}

}  // namespace arbor::host
