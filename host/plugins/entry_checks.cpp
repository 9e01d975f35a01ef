#include "host/plugins/entry_checks.hpp"

#include <arbor/sdk/version.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

namespace arbor::host {
namespace {

// Later SDK minors append fields; a plugin built against 1.0 carries exactly these.
constexpr std::size_t v1_entry_size = offsetof(sdk::plugin_entry, destroy) + sizeof(sdk::plugin_entry::destroy);
constexpr std::size_t v1_2_entry_size =
    offsetof(sdk::plugin_entry, row_selection_of) + sizeof(sdk::plugin_entry::row_selection_of);

std::string api_text(unsigned major, unsigned minor) { return std::to_string(major) + "." + std::to_string(minor); }

std::string_view or_none(const char* text) { return text ? std::string_view(text) : std::string_view("(none)"); }

bool handles(const sdk::plugin_entry& entry, std::string_view action) {
  if (entry.actions == nullptr) return false;
  return std::any_of(entry.actions, entry.actions + entry.action_count,
                     [action](const char* handled) { return handled && action == handled; });
}

sdk::error incompatible(const std::filesystem::path& library, const std::string& problem) {
  return sdk::fail(sdk::reason::incompatible, "the library " + library.string() + " " + problem);
}

}  // namespace

sdk::result<void> check_entry(const sdk::plugin_entry& entry, const manifest& m, const std::filesystem::path& library) {
  const std::string host_api = api_text(sdk::api_major, sdk::api_minor);
  if (entry.struct_size < v1_entry_size) {
    return incompatible(library, "has an entry point of " + std::to_string(entry.struct_size) + " bytes, smaller than SDK 1.0's " +
                                     std::to_string(v1_entry_size) + " bytes: rebuild the plugin with arbor::sdk::make_entry");
  }
  const std::string plugin_api = api_text(entry.api_major, entry.api_minor);
  if (entry.api_major != sdk::api_major) {
    return incompatible(library, "was built for SDK API " + plugin_api + ", but this console provides API " + host_api +
                                     ": rebuild the plugin against SDK " + std::to_string(sdk::api_major) +
                                     ".x, or use a console that provides API " + std::to_string(entry.api_major));
  }
  if (entry.api_minor > sdk::api_minor) {
    return incompatible(library, "needs SDK API " + plugin_api + ", newer than this console's API " + host_api +
                                     ": update the console, or rebuild the plugin against SDK API " + host_api);
  }
  if (or_none(entry.id) != m.id) {
    return incompatible(library, "is plugin '" + std::string(or_none(entry.id)) + "', but the manifest says '" + m.id +
                                     "': point 'library' at the right file, or fix the manifest's id");
  }
  if (or_none(entry.version) != m.version) {
    return incompatible(library, "is version " + std::string(or_none(entry.version)) + ", but the manifest says " +
                                     m.version + ": install the manifest that came with this build of the plugin");
  }
  for (const action_decl& action : m.actions) {
    if (!handles(entry, action.id)) {
      return incompatible(library, "has no handler for action '" + action.id +
                                       "' that the manifest declares: remove the action from the manifest, or add it "
                                       "to the plugin's entry point and rebuild");
    }
  }
  if (entry.create == nullptr || entry.destroy == nullptr) {
    return incompatible(library, "has no plugin factory in its entry point: rebuild the plugin with arbor::sdk::make_entry");
  }
  return {};
}

sdk::result<void> check_manifest_api(const manifest& m) {
  if (m.api_major == sdk::api_major && m.api_minor <= sdk::api_minor) return {};
  const std::string host_api = api_text(sdk::api_major, sdk::api_minor);
  return sdk::fail(sdk::reason::incompatible,
                   m.file.string() + ": the manifest asks for SDK API " + api_text(m.api_major, m.api_minor) +
                       ", which this console (API " + host_api +
                       ") does not provide: update the console, or install a build of the plugin made for API " + host_api);
}

row_selection_getter row_selection_of(const sdk::plugin_entry& entry) noexcept {
  return entry.struct_size >= v1_2_entry_size ? entry.row_selection_of : nullptr;
}

}  // namespace arbor::host
