#include "host/plugins/plugin_library.hpp"

#include <system_error>

namespace arbor::host {

plugin_library::plugin_library(boost::dll::shared_library library, std::filesystem::path file)
    : library_(std::move(library)),
      file_(std::move(file)),
      entry_(&library_.get_alias<const sdk::plugin_entry>(sdk::entry_symbol)) {}

sdk::result<std::shared_ptr<const plugin_library>> plugin_library::open(const std::filesystem::path& file) {
  namespace dll = boost::dll;
  try {
    dll::shared_library library(file, dll::load_mode::rtld_now | dll::load_mode::rtld_local);
    if (!library.has(sdk::entry_symbol)) {
      return sdk::fail(sdk::reason::incompatible,
                       "the library " + file.string() + " has no entry point '" + sdk::entry_symbol +
                           "': it is not an Arbor plugin, or it lacks ARBOR_PLUGIN_ENTRY(...); rebuild it with one");
    }
    return std::shared_ptr<const plugin_library>(new plugin_library(std::move(library), file));
  } catch (const std::system_error& e) {
    return sdk::fail(sdk::reason::failed,
                     "the library " + file.string() + " cannot be opened (" + e.what() +
                         "): check that it was built for this system and that its dependencies are installed",
                     e.what());
  }
}

}  // namespace arbor::host
