#pragma once
// Every call into a plugin goes through guarded(): an exception that escapes the plugin becomes
// an internal error naming the plugin and the call, is logged, and never reaches the console.
#include "host/plugins/service_table.hpp"

#include <arbor/sdk/error.hpp>

#include <exception>
#include <string_view>

namespace arbor::host {

/// Which plugin a guarded call is made on, and where to log what it threw.
struct guard_context {
  std::string_view plugin_id;
  const service_table& services;
};

/// The error for an exception that escaped `what` ("attach", "wizard.run"), logged on the way.
sdk::error plugin_threw(const guard_context& context, std::string_view what, std::string_view exception_text);

/// Calls `call` (which returns sdk::result<T>) and turns anything it throws into an error.
template <class T, class Call>
sdk::result<T> guarded(const guard_context& context, std::string_view what, Call&& call) {
  try {
    return call();
  } catch (const std::exception& e) {
    return plugin_threw(context, what, e.what());
  } catch (...) {
    return plugin_threw(context, what, "an exception not derived from std::exception");
  }
}

}  // namespace arbor::host
