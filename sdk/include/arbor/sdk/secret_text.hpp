#pragma once
// Text that must not outlive its use: passwords typed into a wizard. The bytes are wiped when the
// object is destroyed, moved from or cleared, so an answer never lingers in freed memory. Since 1.0.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace arbor::sdk {

/// Overwrites memory in a way the optimiser may not remove.
inline void wipe_memory(void* data, std::size_t size) noexcept {
  auto* volatile bytes = static_cast<volatile unsigned char*>(data);
  for (std::size_t i = 0; i < size; ++i) bytes[i] = 0;
}

/// A string that wipes itself. Copy deliberately, move freely.
class secret_text {
 public:
  secret_text() = default;
  explicit secret_text(std::string_view text) : text_(text) {}
  ~secret_text() { clear(); }

  secret_text(const secret_text& other) : text_(other.text_) {}
  secret_text& operator=(const secret_text& other) {
    if (this != &other) {
      clear();
      text_ = other.text_;
    }
    return *this;
  }
  secret_text(secret_text&& other) noexcept : text_(other.text_) { other.clear(); }
  secret_text& operator=(secret_text&& other) noexcept {
    if (this != &other) {
      clear();
      text_ = other.text_;
      other.clear();
    }
    return *this;
  }

  std::string_view view() const noexcept { return text_; }
  bool empty() const noexcept { return text_.empty(); }
  void clear() noexcept {
    wipe_memory(text_.data(), text_.size());
    text_.clear();
  }

 private:
  std::string text_;
};

}  // namespace arbor::sdk
