// The --json presenter: each command prints one JSON document on stdout.
#include "host/cli/json_output.hpp"
#include "host/cli/presenter.hpp"

#include <boost/json.hpp>

#include <ostream>

namespace arbor::host::cli {
namespace {

class json_presenter final : public presenter {
 public:
  json_presenter(std::ostream& out, std::ostream& err) : out_(out), err_(err) {}

  void plugins(const std::vector<plugin_status>& all) override { print(plugins_json(all)); }
  void tree(const tree_node& root) override { print(tree_json(root)); }
  void details(const tree_node& node, const sdk::details_view* view, sdk::row_window window) override {
    print(details_json(node, view, window));
  }
  void menu(const tree_node& node, const node_menu& menu) override { print(menu_json(node, menu)); }
  void wizard(const tree_node& node, const menu_entry& action, const sdk::wizard_spec& spec) override {
    print(wizard_json(node, action, spec));
  }
  void summary(const sdk::summary& result) override { print(summary_json(result)); }
  void failure(const sdk::error& error, const stop_place& at) override {
    err_ << "arbor: " << error.message << '\n';
    print(error_json(error, at.page_id, at.field_id));
  }

 private:
  void print(const boost::json::value& document) { out_ << boost::json::serialize(document) << '\n'; }

  std::ostream& out_;
  std::ostream& err_;
};

}  // namespace

std::unique_ptr<presenter> make_json_presenter(std::ostream& out, std::ostream& err) {
  return std::make_unique<json_presenter>(out, err);
}

}  // namespace arbor::host::cli
