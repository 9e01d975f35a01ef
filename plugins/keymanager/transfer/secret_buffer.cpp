#include "transfer/secret_buffer.hpp"

#include <openssl/crypto.h>

#include <algorithm>
#include <cstring>

namespace arbor::km::transfer {

std::uint8_t* secret_buffer::reserve_tail(std::size_t count) {
  if (storage_.size() - used_ < count) {
    // secret::resize wipes the old allocation, so growing leaves no stray copy behind.
    storage_.resize(std::max(used_ + count, storage_.size() * 2));
  }
  return storage_.data() + used_;
}

void secret_buffer::append(std::string_view text) {
  std::memcpy(reserve_tail(text.size()), text.data(), text.size());
  commit(text.size());
}

void secret_buffer::clear() noexcept {
  if (used_ != 0) OPENSSL_cleanse(storage_.data(), used_);
  used_ = 0;
}

}  // namespace arbor::km::transfer
