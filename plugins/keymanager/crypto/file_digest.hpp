#pragma once
// SHA-256 over a file's bytes: as a writer produces them, or of a file already on disk. The
// export journal keeps this digest of a transfer file so that the file found after a crash can be
// recognised as exactly the one the export completed.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

#include "crypto/ossl.hpp"

namespace arbor::km::crypto {

class sha256_stream {
 public:
  sha256_stream();
  void update(std::span<const std::uint8_t> bytes);
  // Lowercase hex of everything given so far; the stream then starts over.
  std::string hex();

 private:
  ossl::md_ctx_ptr ctx_;
};

// Lowercase hex SHA-256 of the regular file at `path`, read through file_reader (its refusals).
// errc::not_found when it is missing, errc::io when it cannot be read.
std::string sha256_of_file(const std::filesystem::path& path);

}  // namespace arbor::km::crypto
