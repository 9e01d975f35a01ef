#include "host/plugins/service_table.hpp"

#include <arbor/sdk/plugin_services.hpp>

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace arbor::host {
namespace {

/// `service` when it is installed and `S` implements at least the requested version.
template <class S>
sdk::service* offer(S* service, std::string_view id, std::uint32_t version) noexcept {
  return service != nullptr && id == S::id && version <= S::version ? service : nullptr;
}

/// ARBOR_CONFIG_<KEY>: the key upper-cased, with '.' and '-' turned into '_'.
std::string environment_name(std::string_view key) {
  std::string name = "ARBOR_CONFIG_";
  for (char c : key) {
    name += (c == '.' || c == '-') ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return name;
}

}  // namespace

/// What one plugin sees: the table's shared services plus its own data directory and settings,
/// and the services plugins publish, where it publishes under its own id.
class service_table::plugin_view final : public sdk::host_services {
 public:
  plugin_view(service_table& table, std::string plugin_id)
      : directory_(table, plugin_id), settings_(table), exchange_(table, std::move(plugin_id)), table_(table) {}

  sdk::service* find(std::string_view id, std::uint32_t version) noexcept override {
    for (sdk::service* found : {offer(table_.secret_prompt_, id, version), offer(table_.confirmation_, id, version),
                                offer(table_.progress_, id, version), offer(table_.log_, id, version),
                                offer<sdk::data_directory>(&directory_, id, version),
                                offer<sdk::configuration>(&settings_, id, version),
                                offer<sdk::plugin_services>(&exchange_, id, version)}) {
      if (found != nullptr) return found;
    }
    return nullptr;
  }

 private:
  /// --data-dir, or ./var/<last segment of the plugin id> when none was given.
  class directory final : public sdk::data_directory {
   public:
    directory(const service_table& table, std::string plugin_id) : table_(table), plugin_id_(std::move(plugin_id)) {}
    std::filesystem::path path() const override {
      if (!table_.data_dir_.empty()) return table_.data_dir_;
      return std::filesystem::path(".") / "var" / plugin_id_.substr(plugin_id_.rfind('.') + 1);
    }

   private:
    const service_table& table_;
    std::string plugin_id_;
  };

  /// --config first, so the command line overrides the environment.
  class settings final : public sdk::configuration {
   public:
    explicit settings(const service_table& table) : table_(table) {}
    std::optional<std::string> get(std::string_view key) const override {
      if (auto it = table_.config_.find(key); it != table_.config_.end()) return it->second;
      if (const char* value = std::getenv(environment_name(key).c_str())) return std::string(value);
      return std::nullopt;
    }

   private:
    const service_table& table_;
  };

  class exchange final : public sdk::plugin_services {
   public:
    exchange(service_table& table, std::string plugin_id) : table_(table), plugin_id_(std::move(plugin_id)) {}

    sdk::result<void> add(std::string_view service_id, std::uint32_t service_version, sdk::service& provided) override {
      if (find(plugin_id_, service_id, 0) != nullptr) {
        return sdk::fail(sdk::reason::conflict, "the plugin " + plugin_id_ + " publishes the service " +
                                                    std::string(service_id) + " twice: publish each service once");
      }
      table_.published_.push_back({plugin_id_, std::string(service_id), service_version, &provided});
      table_.write_log(sdk::log_level::debug, plugin_id_ + " publishes " + std::string(service_id) + " version " +
                                                  std::to_string(service_version));
      return {};
    }

    sdk::service* find(std::string_view provider, std::string_view service_id,
                       std::uint32_t service_version) noexcept override {
      for (const published& p : table_.published_)
        if (p.provider == provider && p.id == service_id && service_version <= p.version) return p.service;
      return nullptr;
    }

   private:
    service_table& table_;
    std::string plugin_id_;
  };

  directory directory_;
  settings settings_;
  exchange exchange_;
  const service_table& table_;
};

sdk::host_services& service_table::for_plugin(const std::string& plugin_id) {
  auto& view = views_[plugin_id];
  if (!view) view = std::make_unique<plugin_view>(*this, plugin_id);
  return *view;
}

void service_table::withdraw(std::string_view plugin_id) {
  std::erase_if(published_, [&](const published& p) { return p.provider == plugin_id; });
}

void service_table::write_log(sdk::log_level level, std::string_view message) const {
  if (log_ != nullptr) log_->write(level, message);
}

}  // namespace arbor::host
