// The smallest useful plugin: one node with a details view and one task that greets someone.
// Everything a plugin author needs comes from <arbor/sdk/sdk.hpp>.
#include <arbor/sdk/sdk.hpp>

#include <memory>
#include <string>
#include <vector>

namespace {

using namespace arbor::sdk;

class greet_wizard final : public wizard {
 public:
  /// `preset`: the name the field starts with (a row selected in the details pane), or empty.
  explicit greet_wizard(std::string preset = {}) : preset_(std::move(preset)) {}

  wizard_spec spec() const override {
    const field name{.id = "name", .label = "Whom to greet", .kind = field_kind::text,
                     .default_value = preset_, .help = "Any name but an empty one."};
    return {"Greet Someone",
            {page{.id = "who", .title = "Who", .description = "Choose whom to greet.", .fields = {name}}}};
  }
  result<page> prepare(std::string_view, const answers&) override { return spec().pages.front(); }
  result<void> validate(std::string_view, const answers& so_far) override {
    if (so_far.text("who", "name").empty()) return fail(reason::invalid_input, "Type a name to greet.");
    return {};
  }
  result<summary> run(const answers& all) override {
    return summary{"Greeting", {{"greeting", "Greeting", "Hello, " + all.text("who", "name") + "!", {}}}, {}};
  }

 private:
  std::string preset_;
};

// Deriving from row_selection too (SDK 1.2) lets the operator select people in the details pane
// and start Greet Someone on them; make_entry() tells the console.
class hello_plugin final : public plugin, public row_selection {
 public:
  result<void> attach(host_services&) override { return {}; }
  result<details_view> details(const node_ref&, row_window) override {
    return details_view{
        {}, {table{"Greetings", {{"name", "Name"}, {"text", "Text"}}, {{"Ada", "Hello"}, {"Grace", "Hello"}}, 2}}};
  }
  result<std::unique_ptr<wizard>> open(const node_ref&, std::string_view action) override {
    if (action != "greet") return fail(reason::not_found, "Unknown action.");
    return std::unique_ptr<wizard>(std::make_unique<greet_wizard>());
  }

  // The column whose value names a row of the table; "" for a table whose rows are not selectable.
  std::string row_key(const node_ref&, std::string_view table) const override {
    return table == "Greetings" ? "name" : "";
  }
  bool takes_rows(const node_ref&, std::string_view action, std::string_view table) const override {
    return action == "greet" && table == "Greetings";
  }
  // Greets one person: the first selected becomes the default, which the operator may still change.
  result<std::unique_ptr<wizard>> open_selected(const node_ref&, std::string_view, std::string_view,
                                                const std::vector<std::string>& rows) override {
    return std::unique_ptr<wizard>(std::make_unique<greet_wizard>(rows.empty() ? std::string{} : rows.front()));
  }
};

constexpr const char* actions[] = {"greet"};
const plugin_entry entry = make_entry<hello_plugin>("org.example.hello", "1.0.0", actions);

}  // namespace

ARBOR_PLUGIN_ENTRY(entry)
