#pragma once
// The hash chain the trailer signs over all segment payloads, in order:
//   h_0 = SHA-256(""),  h_i = SHA-256(h_{i-1} || SHA-256(payload_i))
// A dropped, repeated, reordered or altered segment changes the final value.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace arbor::km::transfer {

class segment_chain {
 public:
  segment_chain();
  void add(std::string_view payload);
  std::string hex() const;  // lowercase

 private:
  std::array<std::uint8_t, 32> head_{};
};

}  // namespace arbor::km::transfer
