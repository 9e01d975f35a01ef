// The fuzz target's plugin: the tiny fixture whose "greet" wizard asks a name and a password
// (a secret field), then options of every kind, then a confirmation, and greets. It writes
// nothing anywhere, so a fuzzer that walks it to the end changes no file.
#include "fixture_plugin.hpp"

#include <algorithm>

namespace {

using arbor::sdk::field_kind;
namespace sdk = arbor::sdk;

class secret_greet_wizard final : public sdk::wizard {
 public:
  sdk::wizard_spec spec() const override {
    return {"Greet With A Password",
            {sdk::page{.id = "who",
                       .title = "Who",
                       .fields = {{.id = "name", .label = "Name"},
                                  {.id = "password", .label = "Password", .kind = field_kind::secret}}},
             sdk::page{.id = "options",
                       .title = "Options",
                       .fields = {{.id = "color", .label = "Color", .kind = field_kind::choice, .required = false,
                                   .options = {"red", "green"}, .default_value = "green"},
                                  {.id = "extras", .label = "Extras", .kind = field_kind::multi_select, .required = false,
                                   .options = {"logs", "report"}},
                                  {.id = "where", .label = "Where", .kind = field_kind::path, .required = false}}},
             sdk::page{.id = "confirm",
                       .title = "Confirm",
                       .fields = {{.id = "proceed", .label = "Greet", .kind = field_kind::confirmation}}}}};
  }
  sdk::result<sdk::page> prepare(std::string_view page_id, const sdk::answers& so_far) override {
    const sdk::wizard_spec declared = spec();
    auto it = std::find_if(declared.pages.begin(), declared.pages.end(), [&](const sdk::page& p) { return p.id == page_id; });
    if (it == declared.pages.end()) return sdk::fail(sdk::reason::not_found, "No page \"" + std::string(page_id) + "\".");
    sdk::page page = *it;
    if (page.id == "confirm") page.info = {"Name: " + so_far.text("who", "name")};
    return page;
  }
  sdk::result<void> validate(std::string_view page_id, const sdk::answers& so_far) override {
    if (page_id == "who" && so_far.secret("who", "password").view().size() < 4)
      return sdk::fail(sdk::reason::invalid_input, "The password must have at least 4 characters.");
    if (page_id == "confirm" && !so_far.yes("confirm", "proceed"))
      return sdk::fail(sdk::reason::invalid_input, "Answer yes to greet.");
    return {};
  }
  sdk::result<sdk::summary> run(const sdk::answers& all) override {
    return sdk::summary{"Greeted", {{"greeting", "Greeting", "Hello, " + all.text("who", "name"), {}}}, std::nullopt};
  }
};

class secret_greet_plugin final : public arbor::fixtures::tiny_plugin {
  std::unique_ptr<sdk::wizard> wizard() override { return std::make_unique<secret_greet_wizard>(); }
};

const sdk::plugin_entry entry =
    sdk::make_entry<secret_greet_plugin>("org.arbor.fuzz.secret-greet", "1.0.0", arbor::fixtures::greet_only);

}  // namespace

ARBOR_PLUGIN_ENTRY(entry)
