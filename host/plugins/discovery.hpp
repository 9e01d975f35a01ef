#pragma once
// Finding manifest files: every *.json in a manifest directory, in a stable order.
#include <arbor/sdk/error.hpp>

#include <filesystem>
#include <vector>

namespace arbor::host {

/// The *.json files in `dir`, sorted by file name. A directory that does not exist holds no
/// manifests (the defaults need not all exist); one that cannot be listed is an error. Entries
/// that are not directories are listed even when they cannot be read, so that reading them
/// reports the problem against the file.
sdk::result<std::vector<std::filesystem::path>> list_manifests(const std::filesystem::path& dir);

}  // namespace arbor::host
