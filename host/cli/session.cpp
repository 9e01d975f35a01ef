#include "host/cli/session.hpp"

#include "host/cli/default_dirs.hpp"

namespace arbor::host::cli {
namespace {

registry_options where_to_look(const cli_options& options) {
  registry_options where;
  where.manifest_dirs = options.manifest_dirs.empty() ? default_manifest_dirs() : options.manifest_dirs;
  where.plugin_dirs = options.plugin_dirs;
  for (auto& dir : default_plugin_dirs()) where.plugin_dirs.push_back(std::move(dir));
  return where;
}

service_table& configured(service_table& table, cli_services& services, const cli_options& options) {
  services.install(table);
  if (options.data_dir) table.set_data_dir(*options.data_dir);
  for (const auto& [key, value] : options.config) table.set_config(key, value);
  return table;
}

std::vector<const manifest*> discovered(plugin_registry& registry) {
  registry.discover();
  return registry.manifests();
}

std::vector<inactive_extension> inactive_extensions(const plugin_registry& registry) {
  std::vector<inactive_extension> inactive;
  for (const plugin_status& s : registry.plugins())
    if (s.state == plugin_state::inactive && s.manifest) inactive.push_back({&*s.manifest, s.error.message});
  return inactive;
}

}  // namespace

session::session(const cli_options& options)
    : services_(options.verbose, options.yes),
      registry_(where_to_look(options), configured(table_, services_, options)),
      tree_(discovered(registry_)),
      menus_(registry_.manifests(), inactive_extensions(registry_)) {}

}  // namespace arbor::host::cli
