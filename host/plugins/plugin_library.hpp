#pragma once
// The one class that wraps Boost.DLL: an opened plugin library and its entry point. Shared by
// everything the library created, so it is unloaded only after the last of them is gone.
#include <arbor/sdk/entry.hpp>
#include <arbor/sdk/error.hpp>

#include <boost/dll/shared_library.hpp>

#include <filesystem>
#include <memory>

namespace arbor::host {

/// An opened library whose entry point symbol was found. Not yet checked: see check_entry().
class plugin_library {
 public:
  /// Opens `file` with rtld_now (unresolved symbols fail here, not in the middle of a task) and
  /// rtld_local (plugins cannot see each other's symbols), and finds the entry point. Errors name
  /// the file and carry the loader's text.
  static sdk::result<std::shared_ptr<const plugin_library>> open(const std::filesystem::path& file);

  const sdk::plugin_entry& entry() const noexcept { return *entry_; }
  const std::filesystem::path& file() const noexcept { return file_; }

 private:
  plugin_library(boost::dll::shared_library library, std::filesystem::path file);
  boost::dll::shared_library library_;
  std::filesystem::path file_;
  const sdk::plugin_entry* entry_;
};

}  // namespace arbor::host
