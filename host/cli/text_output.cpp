// The text presenter: what operators read.
#include "host/cli/json_output.hpp"
#include "host/cli/presenter.hpp"
#include "host/console/tree_path.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <ostream>

namespace arbor::host::cli {
namespace {

/// Width in terminal columns, counting each UTF-8 code point as one.
std::size_t width(const std::string& text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

void padded(std::ostream& out, const std::string& text, std::size_t to) {
  out << text << std::string(to > width(text) ? to - width(text) : 0, ' ');
}

void print_table(std::ostream& out, const sdk::table& table, std::size_t first) {
  out << table.title;
  if (table.rows.empty())
    out << " (no rows of " << table.total_rows << ")\n";
  else
    out << " (rows " << first + 1 << "-" << first + table.rows.size() << " of " << table.total_rows << ")\n";
  std::vector<std::size_t> widths;
  for (const sdk::column& c : table.columns) widths.push_back(width(c.label));
  for (const auto& row : table.rows)
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) widths[i] = std::max(widths[i], width(row[i]));
  auto print_row = [&](const std::vector<std::string>& cells) {
    out << "  ";
    for (std::size_t i = 0; i < cells.size() && i < widths.size(); ++i) {
      if (i + 1 == cells.size()) out << cells[i];
      else padded(out, cells[i], widths[i] + 2);
    }
    out << '\n';
  };
  std::vector<std::string> labels;
  for (const sdk::column& c : table.columns) labels.push_back(c.label);
  print_row(labels);
  for (const auto& row : table.rows) print_row(row);
}

std::string node_kind(const tree_node& node) {
  return node.is_folder() ? std::string("folder") : node.type + ", " + node.plugin_id;
}

void print_tree(std::ostream& out, const tree_node& node, std::size_t depth) {
  out << std::string(2 * depth, ' ') << node.name;
  if (!node.is_folder()) out << "  [" << node_kind(node) << "]";
  out << '\n';
  for (const auto& child : node.children) print_tree(out, *child, depth + 1);
}

void print_entries(std::ostream& out, const char* slot, const std::vector<menu_entry>& entries) {
  out << slot << ":\n";
  if (entries.empty()) out << "  (none)\n";
  for (const menu_entry& e : entries) {
    out << "  " << e.action_id << "  " << e.label << "  [" << e.plugin_id;
    if (e.extension) out << ", extension";
    out << "]\n";
  }
}

void print_inactive(std::ostream& out, const std::vector<inactive_entry>& entries) {
  if (entries.empty()) return;
  out << "Inactive extensions:\n";
  for (const inactive_entry& e : entries)
    out << "  " << e.action_id << "  " << e.label << "  [" << e.plugin_id << ", " << e.slot << "]\n    " << e.reason << '\n';
}

void print_field(std::ostream& out, const sdk::page& page, const sdk::field& f) {
  out << "  " << page.id << '.' << f.id << "  " << f.label << "  (" << sdk::to_string(f.kind) << ", "
      << (f.required ? "required" : "optional") << ")\n";
  if (!f.options.empty()) {
    out << "      options:";
    for (const std::string& o : f.options) out << ' ' << o;
    out << '\n';
  }
  if (options_computed_when_prepared(f))
    out << "      options: computed when the page is prepared, from the earlier answers\n";
  if (!f.default_value.empty()) out << "      default: " << f.default_value << '\n';
  if (f.kind == sdk::field_kind::secret) out << "      from --password-file / --password-fd, never from answers\n";
  if (!f.help.empty()) out << "      " << f.help << '\n';
}

class text_presenter final : public presenter {
 public:
  text_presenter(std::ostream& out, std::ostream& err, bool verbose) : out_(out), err_(err), verbose_(verbose) {}

  void plugins(const std::vector<plugin_status>& all) override {
    if (all.empty()) out_ << "No plugin manifests found.\n";
    for (const plugin_status& s : all) {
      out_ << (s.id.empty() ? "(unreadable manifest)" : s.id) << "  " << to_string(s.state);
      if (s.manifest) out_ << "  " << s.manifest->name << ' ' << s.manifest->version;
      out_ << "\n    manifest: " << s.manifest_file.string() << '\n';
      if (s.manifest)
        for (const extends_decl& base : s.manifest->extends) out_ << "    extends: " << base.plugin << '\n';
      if (s.state == plugin_state::inactive) out_ << "    reason: " << s.error.message << '\n';
      if (s.state != plugin_state::failed) continue;
      out_ << "    error (" << sdk::to_string(s.error.why) << "): " << s.error.message << '\n';
      if (!s.error.technical.empty()) out_ << "    detail: " << s.error.technical << '\n';
    }
  }

  void tree(const tree_node& root) override { print_tree(out_, root, 0); }

  void details(const tree_node& node, const sdk::details_view* view, sdk::row_window window) override {
    out_ << display_path(node.path) << "  [" << node_kind(node) << "]\n";
    if (!view) {
      for (const auto& child : node.children) out_ << "  " << child->name << '\n';
      return;
    }
    for (const std::string& notice : view->notices) out_ << "! " << notice << '\n';
    for (const sdk::table& t : view->tables) {
      out_ << '\n';
      print_table(out_, t, window.first);
    }
  }

  void menu(const tree_node& node, const node_menu& menu) override {
    out_ << display_path(node.path) << "  [" << node_kind(node) << "]\n";
    print_entries(out_, "All Tasks", menu.all_tasks);
    print_entries(out_, "Properties", menu.properties);
    print_inactive(out_, menu.inactive);
  }

  void wizard(const tree_node& node, const menu_entry& action, const sdk::wizard_spec& spec) override {
    out_ << spec.title << "  (" << action.action_id << " on " << display_path(node.path) << ", " << action.plugin_id
         << ")\n";
    for (const sdk::page& page : spec.pages) {
      out_ << "\nPage " << page.id << ": " << page.title << '\n';
      if (!page.description.empty()) out_ << "  " << page.description << '\n';
      for (const sdk::field& f : page.fields) print_field(out_, page, f);
    }
    out_ << "\nExample answer file:\n" << boost::json::serialize(example_answers(spec)) << '\n';
  }

  void summary(const sdk::summary& result) override {
    out_ << result.title << '\n';
    for (const sdk::summary_item& item : result.items) {
      out_ << "  " << item.label << ": " << item.value << '\n';
      for (const std::string& d : item.details) out_ << "    " << d << '\n';
    }
    if (result.results) {
      out_ << '\n';
      print_table(out_, *result.results, 0);
    }
  }

  void failure(const sdk::error& error, const stop_place& at) override {
    err_ << "arbor: " << error.message << '\n';
    if (!error.technical.empty()) err_ << "  detail: " << error.technical << '\n';
    if (verbose_ && !at.page_id.empty())
      err_ << "  at: page \"" << at.page_id << '"' << (at.field_id.empty() ? "" : ", field \"") << at.field_id
           << (at.field_id.empty() ? "" : "\"") << '\n';
  }

 private:
  std::ostream& out_;
  std::ostream& err_;
  bool verbose_;
};

}  // namespace

std::unique_ptr<presenter> make_text_presenter(std::ostream& out, std::ostream& err, bool verbose) {
  return std::make_unique<text_presenter>(out, err, verbose);
}

}  // namespace arbor::host::cli
