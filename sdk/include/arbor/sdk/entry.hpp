#pragma once
// The one symbol a plugin library exports: a plain struct the host reads before it touches any
// plugin object, so that version, identity and handlers are checked first. It carries its own
// size so later SDK minors can append fields without breaking older plugins. Since 1.0.
#include <arbor/sdk/plugin.hpp>
#include <arbor/sdk/row_selection.hpp>
#include <arbor/sdk/version.hpp>

#include <boost/dll/alias.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>

namespace arbor::sdk {

/// Name under which the entry struct is exported.
inline constexpr const char* entry_symbol = "arbor_plugin_entry";

/// The entry point. `actions` lists every action id the plugin handles; the host refuses a
/// plugin whose manifest declares an action missing here. `create` returns a new plugin (or
/// nullptr); `destroy` deletes it inside the library that made it. Fields are only ever appended:
/// the host reads one only when `struct_size` covers it.
struct plugin_entry {
  std::uint32_t struct_size;
  std::uint16_t api_major;
  std::uint16_t api_minor;
  const char* id;
  const char* version;
  const char* const* actions;
  std::size_t action_count;
  plugin* (*create)();
  void (*destroy)(plugin*);
  /// The plugin made by `create` seen as a row_selection, converted inside the library that made
  /// it; nullptr when the plugin offers none. Since 1.2.
  row_selection* (*row_selection_of)(plugin*);
};

namespace detail {

/// The entry's row_selection_of for plugin class `T`: a static_cast when `T` derives from
/// row_selection, else nullptr.
template <class T>
constexpr row_selection* (*row_selection_of())(plugin*) {
  if constexpr (std::is_base_of_v<row_selection, T>)
    return [](plugin* p) -> row_selection* { return static_cast<T*>(p); };
  else
    return nullptr;
}

}  // namespace detail

/// Builds an entry for plugin class `T` with this SDK's version.
template <class T, std::size_t N>
constexpr plugin_entry make_entry(const char* id, const char* version, const char* const (&actions)[N]) {
  return plugin_entry{
      sizeof(plugin_entry), api_major, api_minor, id, version, actions, N,
      []() -> plugin* { return new T(); },
      [](plugin* p) { delete p; },
      detail::row_selection_of<T>(),
  };
}

/// Builds an entry for plugin class `T` whose action ids live in an array of static storage
/// duration (for plugins that keep them in a table of their own).
template <class T>
constexpr plugin_entry make_entry(const char* id, const char* version, std::span<const char* const> actions) {
  return plugin_entry{
      sizeof(plugin_entry), api_major, api_minor, id, version, actions.data(), actions.size(),
      []() -> plugin* { return new T(); },
      [](plugin* p) { delete p; },
      detail::row_selection_of<T>(),
  };
}

/// Builds an entry for a plugin class `T` that declares no actions (a tree-only plugin).
template <class T>
constexpr plugin_entry make_entry(const char* id, const char* version) {
  return plugin_entry{
      sizeof(plugin_entry), api_major, api_minor, id, version, nullptr, 0,
      []() -> plugin* { return new T(); },
      [](plugin* p) { delete p; },
      detail::row_selection_of<T>(),
  };
}

}  // namespace arbor::sdk

/// Exports `variable` (a `const arbor::sdk::plugin_entry`) as the library's entry point.
#define ARBOR_PLUGIN_ENTRY(variable) BOOST_DLL_ALIAS(variable, arbor_plugin_entry)
