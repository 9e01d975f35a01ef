#pragma once
// Writing a whole file so that a crash at any moment leaves either the old file or the complete
// new one, never a truncated mix (common/staged_file.hpp does the work).
#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <span>

#include "common/staged_file.hpp"

namespace arbor::km {

// Writes `bytes` to `path` with exactly `mode` (the umask does not apply). The temporary file is
// 0600 until complete, so secrets are never exposed while they are being written. Throws
// arbor::km::error: errc::io naming the path and the system error text, or errc::conflict when
// `path` exists and `policy` is if_exists::refuse. No temporary file is left behind on failure.
void write_file_atomically(const std::filesystem::path& path, std::span<const std::uint8_t> bytes, mode_t mode,
                           if_exists policy);

}  // namespace arbor::km
