#pragma once
// Writing a file so that a crash at any moment leaves either the old file or the complete new
// one, never a truncated mix: the bytes go to `<path>.tmp-<random>` beside the target, are
// fsynced, then renamed (or hard-linked, when overwriting is refused) into place, and the
// directory is fsynced so the new name itself survives a power cut.
#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <span>

namespace arbor::km {

// What to do when the target already exists.
enum class if_exists {
  replace = 1,  // atomically swap in the new content
  refuse,       // throw errc::conflict; the existing file is left untouched
};

// Writes `bytes` to `path` with exactly `mode` (the umask does not apply). The temporary file is
// created with mode 0600 and only widened to `mode` once complete, so secrets are never exposed
// while they are being written. Throws arbor::km::error: errc::io naming the path and the system
// error text, or errc::conflict when `path` exists and `policy` is if_exists::refuse. No
// temporary file is left behind on failure.
void write_file_atomically(const std::filesystem::path& path, std::span<const std::uint8_t> bytes,
                           mode_t mode, if_exists policy);

}  // namespace arbor::km
