#include "transfer/object_stream.hpp"

#include <string>

#include "common/km_error.hpp"
#include "crypto/der_cursor.hpp"

namespace arbor::km::transfer {

object_stream::object_stream(const std::filesystem::path& path, std::size_t max_object_bytes)
    : file_(path),
      max_object_bytes_(max_object_bytes),
      size_(static_cast<std::uint64_t>(file_.status().st_size)) {}

void object_stream::read(std::size_t count) {
  if (size_ - position_ < count) {
    throw error(errc::corrupt,
                "the transfer file " + file_.path().string() +
                    " is incomplete: it ends inside the object that starts at byte " +
                    std::to_string(start_) + " (it was cut short while copying?)",
                "file size " + std::to_string(size_));
  }
  const std::size_t old = buffer_.size();
  buffer_.resize(old + count);
  file_.read_exactly(buffer_.data() + old, count);
  position_ += count;
}

std::optional<std::span<const std::uint8_t>> object_stream::next() {
  if (position_ == size_) return std::nullopt;
  start_ = position_;
  buffer_.clear();
  read(2);
  std::optional<crypto::der_header> header = crypto::parse_der_header(buffer_);
  if (!header) {
    read(buffer_[1] & 0x7f);
    header = crypto::parse_der_header(buffer_);
  }
  if (header->tag != crypto::der_tag::sequence) {
    throw error(errc::corrupt,
                file_.path().string() + " is not a Key Manager transfer file, or it is damaged: "
                "byte " + std::to_string(start_) + " does not start a CMS message");
  }
  if (header->content_size > max_object_bytes_) {
    throw error(errc::corrupt,
                "the transfer file is damaged: the object at byte " + std::to_string(start_) +
                    " claims " + std::to_string(header->content_size) +
                    " bytes, more than a transfer file ever holds",
                "limit " + std::to_string(max_object_bytes_));
  }
  read(header->content_size);
  return std::span<const std::uint8_t>(buffer_);
}

}  // namespace arbor::km::transfer
