#pragma once
// A byte string for passwords and key material: wiped with OPENSSL_cleanse when it is
// destroyed, moved from, cleared or grown, and never printed. The one container for secrets below
// the SDK: payload text that carries keys is appended to one (transfer/record_codec.hpp).
#include <openssl/crypto.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace arbor::km {

class secret {
 public:
  secret() = default;
  explicit secret(std::string_view text) : bytes_(text.begin(), text.end()) {}
  secret(const std::uint8_t* data, std::size_t size) : bytes_(data, data + size) {}
  explicit secret(std::size_t size) : bytes_(size) {}
  ~secret() { wipe(); }

  secret(const secret& other) : bytes_(other.bytes_) {}
  secret& operator=(const secret& other) {
    if (this != &other) {
      wipe();
      bytes_ = other.bytes_;
    }
    return *this;
  }
  secret(secret&& other) noexcept : bytes_(std::move(other.bytes_)) { other.wipe(); }
  secret& operator=(secret&& other) noexcept {
    if (this != &other) {
      wipe();
      bytes_ = std::move(other.bytes_);
      other.wipe();
    }
    return *this;
  }

  std::uint8_t* data() noexcept { return bytes_.data(); }
  const std::uint8_t* data() const noexcept { return bytes_.data(); }
  std::size_t size() const noexcept { return bytes_.size(); }
  bool empty() const noexcept { return bytes_.empty(); }
  std::string_view view() const noexcept {
    return {reinterpret_cast<const char*>(bytes_.data()), bytes_.size()};
  }

  // Grows or shrinks without leaving copies behind: the old buffer is wiped before release.
  void resize(std::size_t size) {
    std::vector<std::uint8_t> next(size);
    std::copy_n(bytes_.begin(), std::min(size, bytes_.size()), next.begin());
    wipe();
    bytes_ = std::move(next);
  }
  // Wipes the bytes; the allocation stays, so a writer can reuse it segment after segment.
  void clear() noexcept { truncate(0); }
  // Drops the bytes from `size` on, wiped first; the allocation stays, so this never copies.
  void truncate(std::size_t size) noexcept {
    if (size >= bytes_.size()) return;
    OPENSSL_cleanse(bytes_.data() + size, bytes_.size() - size);
    bytes_.resize(size);
  }

  // Room for `capacity` bytes, so appends up to it do not move the bytes; moving them wipes the
  // old allocation before it is released.
  void reserve(std::size_t capacity) {
    if (capacity <= bytes_.capacity()) return;
    std::vector<std::uint8_t> next;
    next.reserve(capacity);
    next.assign(bytes_.begin(), bytes_.end());
    wipe();
    bytes_ = std::move(next);
  }
  void append(std::string_view text) {
    make_room(text.size());
    bytes_.insert(bytes_.end(), text.begin(), text.end());
  }
  // `count` more bytes at the end, zeroed, for the caller to fill in place (an encoder's output).
  std::span<std::uint8_t> extend(std::size_t count) {
    make_room(count);
    bytes_.resize(bytes_.size() + count);
    return {bytes_.data() + bytes_.size() - count, count};
  }

  friend bool operator==(const secret& a, const secret& b) noexcept {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
  }

 private:
  // Doubling keeps appends amortized constant: a transfer file's segment grows line by line.
  void make_room(std::size_t count) {
    if (bytes_.capacity() - bytes_.size() < count) reserve(std::max(bytes_.size() + count, 2 * bytes_.capacity()));
  }
  // Every byte past size() is zero or was never written (truncate wipes what it drops), so
  // cleansing the first size() bytes leaves nothing behind.
  void wipe() noexcept {
    if (!bytes_.empty()) OPENSSL_cleanse(bytes_.data(), bytes_.size());
    bytes_.clear();
    bytes_.shrink_to_fit();
  }
  std::vector<std::uint8_t> bytes_;
};

}  // namespace arbor::km
