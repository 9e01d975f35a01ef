#pragma once
// A byte string for passwords and key material: wiped with OPENSSL_cleanse when it is
// destroyed, moved from or cleared, and never printed.
#include <openssl/crypto.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
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
  void clear() noexcept { wipe(); }
  // Drops the bytes from `size` on, wiped first; the allocation stays, so this never copies.
  void truncate(std::size_t size) noexcept {
    if (size >= bytes_.size()) return;
    OPENSSL_cleanse(bytes_.data() + size, bytes_.size() - size);
    bytes_.resize(size);
  }

  friend bool operator==(const secret& a, const secret& b) noexcept {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
  }

 private:
  void wipe() noexcept {
    if (!bytes_.empty()) OPENSSL_cleanse(bytes_.data(), bytes_.size());
    bytes_.clear();
    bytes_.shrink_to_fit();
  }
  std::vector<std::uint8_t> bytes_;
};

}  // namespace arbor::km
