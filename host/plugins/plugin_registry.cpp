#include "host/plugins/plugin_registry.hpp"

#include "host/plugins/discovery.hpp"
#include "host/plugins/entry_checks.hpp"
#include "host/plugins/guard.hpp"
#include "host/plugins/guarded_wizard.hpp"
#include "host/plugins/library_path.hpp"
#include "host/plugins/loaded_plugin.hpp"
#include "host/plugins/manifest_conflicts.hpp"
#include "host/plugins/plugin_library.hpp"

#include <algorithm>
#include <map>

namespace arbor::host {

const char* to_string(plugin_state s) noexcept {
  switch (s) {
    case plugin_state::discovered: return "discovered";
    case plugin_state::loaded: return "loaded";
    case plugin_state::failed: return "failed";
    case plugin_state::inactive: return "inactive";
  }
  return "unknown";
}

struct plugin_registry::impl {
  registry_options options;
  service_table& services;
  std::vector<plugin_status> statuses;
  // Every library opened stays open while the registry lives, even one that failed its checks;
  // declared before `loaded` so that the plugins are destroyed first.
  std::vector<std::shared_ptr<const plugin_library>> libraries;
  std::map<std::string, std::shared_ptr<loaded_plugin>, std::less<>> loaded;

  static bool is_usable(plugin_state s) { return s != plugin_state::failed && s != plugin_state::inactive; }

  // `level`: error when nobody else will report it (a manifest refused at discovery); a library
  // that fails when first used is reported by whoever asked for it, so the log only keeps it.
  void mark_failed(plugin_status& status, sdk::error why, sdk::log_level level = sdk::log_level::error) {
    services.write_log(level, why.message + (why.technical.empty() ? "" : " (" + why.technical + ")"));
    status.state = plugin_state::failed;
    status.error = std::move(why);
  }

  void mark_inactive(plugin_status& status, sdk::error why) {
    services.write_log(sdk::log_level::debug, why.message);  // a choice of what to install, not a fault
    status.state = plugin_state::inactive;
    status.error = std::move(why);
  }

  void add_manifest(const std::filesystem::path& file) {
    plugin_status& status = statuses.emplace_back();
    status.manifest_file = file;
    auto read = read_manifest(file);
    if (!read) return mark_failed(status, read.error());
    status.id = read.value().id;
    status.manifest = std::move(read).value();
    if (auto api = check_manifest_api(*status.manifest); !api.ok()) mark_failed(status, api.error());
  }

  /// The usable manifest with `id`, or else the first failed or inactive one, so its reason can be told.
  plugin_status* find(std::string_view id) {
    auto named = [id](const plugin_status& s) { return s.id == id; };
    auto healthy = [&](const plugin_status& s) { return named(s) && is_usable(s.state); };
    if (auto it = std::find_if(statuses.begin(), statuses.end(), healthy); it != statuses.end()) return &*it;
    auto it = std::find_if(statuses.begin(), statuses.end(), named);
    return it == statuses.end() ? nullptr : &*it;
  }

  /// The loaded plugins `m` extends, loading them first.
  sdk::result<std::vector<std::shared_ptr<loaded_plugin>>> load_bases(const manifest& m) {
    std::vector<std::shared_ptr<loaded_plugin>> bases;
    for (const extends_decl& base : m.extends) {
      auto used = use(base.plugin);
      if (!used) {
        const sdk::error& why = used.error();
        return sdk::fail(why.why, "it extends the plugin " + base.plugin + ", which could not be loaded: " + why.message,
                         why.technical);
      }
      bases.push_back(std::move(used).value());
    }
    return bases;
  }

  sdk::result<std::shared_ptr<loaded_plugin>> open_and_attach(const manifest& m) {
    auto bases = load_bases(m);
    if (!bases) return bases.error();
    auto file = resolve_library(m, options.plugin_dirs);
    if (!file) return file.error();
    auto library = plugin_library::open(file.value());
    if (!library) return library.error();
    libraries.push_back(library.value());
    return loaded_plugin::create(std::move(library).value(), m, services, std::move(bases).value());
  }

  /// Loads `status` on first use; a failure is kept, so a plugin is tried once per run.
  sdk::result<std::shared_ptr<loaded_plugin>> use(std::string_view id) {
    plugin_status* status = find(id);
    if (status == nullptr) {
      return sdk::fail(sdk::reason::not_found, "no plugin with id '" + std::string(id) +
                                                   "' is installed: check the id, or the --manifests directories");
    }
    if (!is_usable(status->state)) return status->error;
    if (auto it = loaded.find(id); it != loaded.end()) return it->second;
    auto attached = open_and_attach(*status->manifest);  // bases first; discovery refused cycles
    if (!attached) {
      sdk::error why = attached.error();
      why.message = status->manifest_file.string() + ": " + why.message;
      mark_failed(*status, why, sdk::log_level::debug);
      return why;
    }
    status->state = plugin_state::loaded;
    return loaded.emplace(status->id, std::move(attached).value()).first->second;
  }

  /// Opens a wizard of a declared action with `call`, guarded, and wraps it so its calls are
  /// guarded too.
  template <class Call>
  sdk::result<std::unique_ptr<sdk::wizard>> open_wizard(std::string_view id, std::string_view action_id,
                                                        std::string_view what, Call&& call) {
    auto used = use(id);
    if (!used) return used.error();
    if (!declares(id, action_id)) {
      return sdk::fail(sdk::reason::not_found, "the plugin " + std::string(id) + " declares no action '" +
                                                   std::string(action_id) + "' in its manifest: check the action id");
    }
    const guard_context context{id, services};
    auto opened = guarded<std::unique_ptr<sdk::wizard>>(context, what, [&] { return call(*used.value()); });
    if (!opened) return opened.error();
    if (!opened.value()) {
      return sdk::fail(sdk::reason::internal, "The plugin " + std::string(id) + " failed in " + std::string(what) +
                                                  ": it returned no wizard for action '" + std::string(action_id) +
                                                  "'; report this to the plugin's authors");
    }
    return guarded_wizard::wrap(std::move(opened).value(), used.value(), std::string(id), services);
  }

  bool declares(std::string_view id, std::string_view action_id) {
    const plugin_status* status = find(id);
    return std::any_of(status->manifest->actions.begin(), status->manifest->actions.end(),
                       [&](const action_decl& a) { return a.id == action_id; });
  }
};

plugin_registry::plugin_registry(registry_options options, service_table& services)
    : impl_(std::make_unique<impl>(impl{std::move(options), services, {}, {}, {}})) {}

// Wizards share their plugin; whatever is left here destroys each plugin inside its library
// before the library itself is released.
plugin_registry::~plugin_registry() = default;

void plugin_registry::discover() {
  for (const std::filesystem::path& dir : impl_->options.manifest_dirs) {
    auto files = list_manifests(dir);
    if (!files) {
      plugin_status& unreadable = impl_->statuses.emplace_back();
      unreadable.manifest_file = dir;
      impl_->mark_failed(unreadable, files.error());
      continue;
    }
    for (const std::filesystem::path& file : files.value()) impl_->add_manifest(file);
  }
  fail_conflicting(
      impl_->statuses, [this](plugin_status& s, sdk::error why) { impl_->mark_failed(s, std::move(why)); },
      [this](plugin_status& s, sdk::error why) { impl_->mark_inactive(s, std::move(why)); });
}

const std::vector<plugin_status>& plugin_registry::plugins() const noexcept { return impl_->statuses; }

std::vector<const manifest*> plugin_registry::manifests() const {
  std::vector<const manifest*> healthy;
  for (const plugin_status& s : impl_->statuses) {
    if (impl::is_usable(s.state) && s.manifest) healthy.push_back(&*s.manifest);
  }
  return healthy;
}

sdk::result<sdk::plugin*> plugin_registry::plugin(std::string_view id) {
  auto used = impl_->use(id);
  if (!used) return used.error();
  return &used.value()->object();
}

sdk::result<sdk::details_view> plugin_registry::details(std::string_view id, const sdk::node_ref& node,
                                                        sdk::row_window window) {
  auto used = impl_->use(id);
  if (!used) return used.error();
  sdk::plugin& p = used.value()->object();
  return guarded<sdk::details_view>({id, impl_->services}, "details", [&] { return p.details(node, window); });
}

sdk::result<std::unique_ptr<sdk::wizard>> plugin_registry::open(std::string_view id, const sdk::node_ref& node,
                                                                std::string_view action_id) {
  return impl_->open_wizard(id, action_id, "open", [&](loaded_plugin& p) { return p.object().open(node, action_id); });
}

sdk::result<std::string> plugin_registry::row_key(std::string_view id, const sdk::node_ref& node,
                                                  std::string_view table_title) {
  auto used = impl_->use(id);
  if (!used) return used.error();
  sdk::row_selection* rows = used.value()->row_selection();
  if (rows == nullptr) return std::string{};
  return guarded<std::string>({id, impl_->services}, "row_key",
                              [&]() -> sdk::result<std::string> { return rows->row_key(node, table_title); });
}

sdk::result<bool> plugin_registry::takes_rows(std::string_view id, const sdk::node_ref& node, std::string_view action_id,
                                              std::string_view table_title) {
  auto used = impl_->use(id);
  if (!used) return used.error();
  sdk::row_selection* rows = used.value()->row_selection();
  if (rows == nullptr) return false;
  return guarded<bool>({id, impl_->services}, "takes_rows",
                       [&]() -> sdk::result<bool> { return rows->takes_rows(node, action_id, table_title); });
}

sdk::result<std::unique_ptr<sdk::wizard>> plugin_registry::open_selected(std::string_view id, const sdk::node_ref& node,
                                                                         std::string_view action_id,
                                                                         std::string_view table_title,
                                                                         const std::vector<std::string>& rows) {
  auto taken = takes_rows(id, node, action_id, table_title);
  if (!taken) return taken.error();
  if (!taken.value() || rows.empty()) {
    return sdk::fail(sdk::reason::not_found, "the action '" + std::string(action_id) + "' of the plugin " +
                                                 std::string(id) + " does not start with chosen rows of \"" +
                                                 std::string(table_title) + "\": open it without a selection");
  }
  return impl_->open_wizard(id, action_id, "open_selected", [&](loaded_plugin& p) {
    return p.row_selection()->open_selected(node, action_id, table_title, rows);
  });
}

std::size_t plugin_registry::libraries_opened() const noexcept { return impl_->libraries.size(); }

}  // namespace arbor::host
