#pragma once
// Saving the PKCS#12 file a token task made for its user.
#include <cstdint>
#include <filesystem>
#include <span>

namespace arbor::km::workflows {

/// Writes `pkcs12` to the new file `output` (mode 0600, atomically, never over an existing file)
/// and returns its absolute path. By then the user's keys are escrowed, so a failure says they
/// are safe and how to get them again.
std::filesystem::path save_pkcs12(const std::filesystem::path& output, std::span<const std::uint8_t> pkcs12);

}  // namespace arbor::km::workflows
