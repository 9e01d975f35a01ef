// The smallest useful plugin: one node with a details view and one task that greets someone.
// Everything a plugin author needs comes from <arbor/sdk/sdk.hpp>.
#include <arbor/sdk/sdk.hpp>

#include <memory>
#include <string>

namespace {

using namespace arbor::sdk;

class greet_wizard final : public wizard {
 public:
  wizard_spec spec() const override {
    const field name{.id = "name", .label = "Whom to greet", .kind = field_kind::text,
                     .help = "Any name but an empty one."};
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
};

class hello_plugin final : public plugin {
 public:
  result<void> attach(host_services&) override { return {}; }
  result<details_view> details(const node_ref&, row_window) override {
    return details_view{{}, {table{"Greetings", {{"text", "Text"}}, {{"Hello"}}, 1}}};
  }
  result<std::unique_ptr<wizard>> open(const node_ref&, std::string_view action) override {
    if (action != "greet") return fail(reason::not_found, "Unknown action.");
    return std::unique_ptr<wizard>(std::make_unique<greet_wizard>());
  }
};

constexpr const char* actions[] = {"greet"};
const plugin_entry entry = make_entry<hello_plugin>("org.example.hello", "1.0.0", actions);

}  // namespace

ARBOR_PLUGIN_ENTRY(entry)
