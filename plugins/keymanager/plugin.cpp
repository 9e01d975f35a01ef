// The Key Manager plugin: registers its details view and its tasks with the console and
// delegates everything to the details pane, the wizards and the workflows. No Key Manager logic
// lives here.
#include "audit_trail_service.hpp"
#include "common/clock.hpp"
#include "details_pane.hpp"
#include "host_environment.hpp"
#include "wizards/factories.hpp"
#include "wizards/preselected_wizard.hpp"
#include "wizards/sdk_error.hpp"
#include "workflows/server_overview.hpp"

#include <arbor/sdk/sdk.hpp>

#include <array>
#include <string>

namespace arbor::km {
namespace {

constexpr const char* plugin_id = "org.arbor.keymanager";
constexpr const char* plugin_version = "0.1.0";

class key_manager_plugin final : public sdk::plugin, public sdk::row_selection {
 public:
  sdk::result<void> attach(sdk::host_services& services) override {
    return wizards::guarded("starting", [&]() -> sdk::result<void> {
      env_ = environment_from(services, clock_);
      // Every host that loads an SDK 1.1 plugin offers plugin services; without, it works alone.
      if (auto* exchange = services.get<sdk::plugin_services>()) return exchange->publish<sdk::audit_trail>(audit_trail_);
      return {};
    });
  }

  sdk::result<sdk::details_view> details(const sdk::node_ref&, sdk::row_window window) override {
    return wizards::guarded("listing users", [&]() -> sdk::result<sdk::details_view> {
      return details_pane(workflows::read_server_overview(env_.site, window.first, window.max_rows, identity_codes_), window);
    });
  }

  sdk::result<std::unique_ptr<sdk::wizard>> open(const sdk::node_ref&, std::string_view action_id) override {
    for (const auto& entry : wizards::catalog())
      if (action_id == entry.action_id) return entry.make(env_);
    return sdk::fail(sdk::reason::not_found, "The Key Manager has no task '" + std::string(action_id) + "'.");
  }

  // Row selection: users are selected by alias in the Users table; the tasks that name users
  // open with them chosen.
  std::string row_key(const sdk::node_ref&, std::string_view table_title) const override {
    return table_title == users_table_title ? users_key_column : "";
  }

  bool takes_rows(const sdk::node_ref&, std::string_view action_id, std::string_view table_title) const override {
    return table_title == users_table_title && wizards::find_users_action(action_id) != nullptr;
  }

  sdk::result<std::unique_ptr<sdk::wizard>> open_selected(const sdk::node_ref& node, std::string_view action_id,
                                                          std::string_view table_title,
                                                          const std::vector<std::string>& rows) override {
    const wizards::users_action* action = wizards::find_users_action(action_id);
    if (action == nullptr || table_title != users_table_title || rows.empty())
      return sdk::fail(sdk::reason::not_found, "The Key Manager's task '" + std::string(action_id) +
                                                   "' does not start with selected users.");
    auto opened = open(node, action_id);
    if (!opened) return opened;
    return wizards::preselect(std::move(opened).value(), action->field, rows);
  }

 private:
  km::system_clock clock_;
  wizards::environment env_;
  workflows::short_code_memo identity_codes_;  // one Argon2id evaluation, not one per refresh
  audit_trail_service audit_trail_{env_};
};

constexpr auto action_ids = [] {
  std::array<const char*, wizards::catalog_size> ids{};
  for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = wizards::catalog_entries[i].action_id;
  return ids;
}();

const sdk::plugin_entry entry = sdk::make_entry<key_manager_plugin>(plugin_id, plugin_version, action_ids);

}  // namespace
}  // namespace arbor::km

ARBOR_PLUGIN_ENTRY(arbor::km::entry)
