#pragma once
// Reading a transfer file one top-level DER object at a time, so memory is bounded by the
// largest object, never by the file.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <vector>

#include "crypto/file_reader.hpp"

namespace arbor::km::transfer {

class object_stream {
 public:
  // Objects larger than `max_object_bytes` are refused before they are read.
  object_stream(const std::filesystem::path& path, std::size_t max_object_bytes);

  // The next object (header included), valid until the next call; nullopt at the end of the
  // file. Throws errc::corrupt when the file ends inside an object (it was cut) or an object is
  // not a DER SEQUENCE or is too large.
  std::optional<std::span<const std::uint8_t>> next();
  // Where the object last returned starts, for messages.
  std::uint64_t offset() const noexcept { return start_; }

 private:
  void read(std::size_t count);

  crypto::file_reader file_;
  std::size_t max_object_bytes_;
  std::uint64_t size_ = 0;
  std::uint64_t position_ = 0;
  std::uint64_t start_ = 0;
  std::vector<std::uint8_t> buffer_;
};

}  // namespace arbor::km::transfer
