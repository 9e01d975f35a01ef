// The Key Manager plugin: registers its details view and its tasks with the console and
// delegates everything to views/ and wizards/. No Key Manager logic lives here.
#include "common/clock.hpp"
#include "instance/key_manager.hpp"
#include "auth/administrators.hpp"
#include "audit_trail_service.hpp"
#include "details_pane.hpp"
#include "wizards/factories.hpp"
#include "wizards/sdk_error.hpp"

#include <arbor/sdk/sdk.hpp>

#include <array>
#include <charconv>
#include <string>

namespace arbor::km {
namespace {

constexpr const char* plugin_id = "org.arbor.keymanager";
constexpr const char* plugin_version = "0.1.0";

std::uint32_t config_number(sdk::configuration* config, std::string_view key, std::uint32_t fallback) {
  if (config == nullptr) return fallback;
  const auto text = config->get(key);
  std::uint32_t value = 0;
  if (!text || std::from_chars(text->data(), text->data() + text->size(), value).ec != std::errc{}) return fallback;
  return value;
}

wizards::environment environment_from(sdk::host_services& services, const km::clock& clock) {
  wizards::environment env;
  auto* data = services.get<sdk::data_directory>();
  env.data_dir = data ? data->path() : std::filesystem::path("var/kmsdata");
  auto* config = services.get<sdk::configuration>();
  if (config != nullptr) {
    if (auto type = config->get("identity.key-type")) env.identity.type = parse_key_type(*type);
    if (auto name = config->get("identity.name")) env.identity.common_name = *name;
  }
  // Argon2 cost can be lowered for test suites that log in hundreds of times; never below RFC 9106's floor.
  env.argon2.memory_kib = std::max<std::uint32_t>(config_number(config, "auth.argon2-memory-kib", env.argon2.memory_kib), 8 * 1024);
  env.argon2.iterations = std::max<std::uint32_t>(config_number(config, "auth.argon2-iterations", env.argon2.iterations), 1);
  env.clock = &clock;
  env.progress = services.get<sdk::progress>();
  env.log = services.get<sdk::log>();
  return env;
}

class key_manager_plugin final : public sdk::plugin {
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
      auto kms = key_manager::open(env_.data_dir, env_.identity, clock_);
      auth::password_hasher hasher(env_.argon2);
      auth::administrators admins(kms.db(), hasher, clock_);
      admins.ensure_initial_admin();
      return views::server_details(kms, admins.default_password_in_use(), window);
    });
  }

  sdk::result<std::unique_ptr<sdk::wizard>> open(const sdk::node_ref&, std::string_view action_id) override {
    for (const auto& entry : wizards::catalog())
      if (action_id == entry.action_id) return entry.make(env_);
    return sdk::fail(sdk::reason::not_found, "The Key Manager has no task '" + std::string(action_id) + "'.");
  }

 private:
  km::system_clock clock_;
  wizards::environment env_;
  services::audit_trail_service audit_trail_{env_};
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
