#pragma once
// Where `arbor` looks for manifests and plugin libraries when not told otherwise (`--manifests`
// replaces all of the manifest directories below).
#include <filesystem>
#include <string_view>
#include <vector>

namespace arbor::host::cli {

/// The manifest directories: each directory of ARBOR_MANIFEST_PATH (':'-separated, empty
/// entries skipped), then `<prefix>/lib/arbor/manifests` where `<prefix>` is the directory above
/// the one holding the arbor binary (/usr for /usr/bin/arbor), or, when that does not exist, the
/// source tree's manifests/.
std::vector<std::filesystem::path> default_manifest_dirs();

/// The same, from the given ARBOR_MANIFEST_PATH value and install prefix.
std::vector<std::filesystem::path> manifest_dirs_from(std::string_view manifest_path, const std::filesystem::path& prefix);

/// `<prefix>/lib/arbor/plugins`.
std::vector<std::filesystem::path> default_plugin_dirs();

/// Where `arbor web` keeps its self-signed certificate and key: `$XDG_STATE_HOME/arbor/web`, or
/// `~/.local/state/arbor/web` when XDG_STATE_HOME is unset or not absolute.
std::filesystem::path default_web_state_dir();

}  // namespace arbor::host::cli
