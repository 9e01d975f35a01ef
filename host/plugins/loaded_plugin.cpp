#include "host/plugins/loaded_plugin.hpp"

#include "host/plugins/entry_checks.hpp"
#include "host/plugins/guard.hpp"

namespace arbor::host {

loaded_plugin::loaded_plugin(std::shared_ptr<const plugin_library> library, sdk::plugin* object,
                             service_table& services, std::string id, std::vector<std::shared_ptr<loaded_plugin>> bases)
    : bases_(std::move(bases)), library_(std::move(library)), object_(object), services_(services), id_(std::move(id)) {}

// The services it published go first, so no other plugin can reach into a destroyed object.
loaded_plugin::~loaded_plugin() {
  services_.withdraw(id_);
  library_->entry().destroy(object_);
}

sdk::result<std::shared_ptr<loaded_plugin>> loaded_plugin::create(std::shared_ptr<const plugin_library> library,
                                                                  const manifest& m, service_table& services,
                                                                  std::vector<std::shared_ptr<loaded_plugin>> bases) {
  const sdk::plugin_entry& entry = library->entry();
  if (auto checked = check_entry(entry, m, library->file()); !checked) return checked.error();

  const guard_context context{m.id, services};
  auto created = guarded<sdk::plugin*>(context, "create", [&]() -> sdk::result<sdk::plugin*> { return entry.create(); });
  if (!created) return created.error();
  if (created.value() == nullptr) {
    return sdk::fail(sdk::reason::failed, "the library " + library->file().string() +
                                              " created no plugin object: its create() returned nothing; "
                                              "report this to the plugin's authors");
  }
  std::shared_ptr<loaded_plugin> loaded(
      new loaded_plugin(std::move(library), created.value(), services, m.id, std::move(bases)));
  if (const row_selection_getter as_rows = row_selection_of(entry)) {
    auto rows = guarded<sdk::row_selection*>(context, "row_selection_of",
                                             [&]() -> sdk::result<sdk::row_selection*> { return as_rows(loaded->object_); });
    if (!rows) return rows.error();
    loaded->row_selection_ = rows.value();
  }
  sdk::host_services& own_services = services.for_plugin(m.id);
  auto attached = guarded<void>(context, "attach", [&]() -> sdk::result<void> {
    auto started = loaded->object().attach(own_services);
    if (started) return started;
    const sdk::error& why = started.error();
    return sdk::fail(why.why, "the plugin " + m.id + " could not start: " + why.message, why.technical);
  });
  if (!attached) return attached.error();
  return loaded;
}

}  // namespace arbor::host
