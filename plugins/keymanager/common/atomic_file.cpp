#include "common/atomic_file.hpp"

namespace arbor::km {

void write_file_atomically(const std::filesystem::path& path, std::span<const std::uint8_t> bytes, mode_t mode,
                           if_exists policy) {
  staged_file file(path);
  file.write(bytes);
  file.place(mode, policy);
}

}  // namespace arbor::km
