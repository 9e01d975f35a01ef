#include "host/plugins/guard.hpp"

#include <string>

namespace arbor::host {

sdk::error plugin_threw(const guard_context& context, std::string_view what, std::string_view exception_text) {
  const std::string plugin(context.plugin_id);
  sdk::error e = sdk::fail(sdk::reason::internal,
                           "The plugin " + plugin + " failed in " + std::string(what) +
                               ": it threw an exception, which is a bug in the plugin; the console keeps running. "
                               "Report it to the plugin's authors with the technical detail",
                           std::string(exception_text));
  context.services.write_log(sdk::log_level::error, e.message + " (" + e.technical + ")");
  return e;
}

}  // namespace arbor::host
