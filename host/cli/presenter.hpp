#pragma once
// What the commands show, independent of the format: text for people, JSON for scripts.
#include "host/console/console_tree.hpp"
#include "host/console/menu_slots.hpp"
#include "host/plugins/plugin_registry.hpp"

#include <arbor/sdk/error.hpp>
#include <arbor/sdk/node.hpp>
#include <arbor/sdk/wizard.hpp>

#include <iosfwd>
#include <memory>
#include <string_view>
#include <vector>

namespace arbor::host::cli {

/// Where a wizard stopped, by page and field id: for scripts (--json) and --verbose only, since
/// operators read the page's title and the field's label in the message.
struct stop_place {
  std::string_view page_id;
  std::string_view field_id;
};

/// Shows one command's result (or failure) in one format.
class presenter {
 public:
  virtual ~presenter() = default;
  virtual void plugins(const std::vector<plugin_status>& all) = 0;
  virtual void tree(const tree_node& root) = 0;
  /// A node's details; `view` is null for a folder, which lists its children.
  virtual void details(const tree_node& node, const sdk::details_view* view, sdk::row_window window) = 0;
  virtual void menu(const tree_node& node, const node_menu& menu) = 0;
  virtual void wizard(const tree_node& node, const menu_entry& action, const sdk::wizard_spec& spec) = 0;
  virtual void summary(const sdk::summary& result) = 0;
  /// A failure; `at` is the wizard page and field it happened on, if any.
  virtual void failure(const sdk::error& error, const stop_place& at) = 0;
};

/// Text on `out`; failures on `err`, with the page and field ids when `verbose`.
std::unique_ptr<presenter> make_text_presenter(std::ostream& out, std::ostream& err, bool verbose);
/// One JSON document per command on `out`; failures also as text on `err`.
std::unique_ptr<presenter> make_json_presenter(std::ostream& out, std::ostream& err);

}  // namespace arbor::host::cli
