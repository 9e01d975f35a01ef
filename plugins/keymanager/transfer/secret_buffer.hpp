#pragma once
// An append-only text buffer for payloads that contain key material: its storage is a km::secret,
// so every byte is wiped when it grows, is cleared for reuse, or is destroyed.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/secret.hpp"

namespace arbor::km::transfer {

class secret_buffer {
 public:
  explicit secret_buffer(std::size_t initial_capacity = 0) : storage_(initial_capacity) {}

  void append(std::string_view text);
  // Room for `count` more bytes at the end, to be filled by the caller and then committed.
  std::uint8_t* reserve_tail(std::size_t count);
  void commit(std::size_t count) noexcept { used_ += count; }

  std::string_view view() const noexcept { return storage_.view().substr(0, used_); }
  std::size_t size() const noexcept { return used_; }
  bool empty() const noexcept { return used_ == 0; }
  // Wipes the content but keeps the allocation, so a writer can reuse it segment after segment.
  void clear() noexcept;

 private:
  secret storage_;
  std::size_t used_ = 0;
};

}  // namespace arbor::km::transfer
