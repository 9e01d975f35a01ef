#pragma once
// Names in a sentence: "alice, bob, carol".
#include <string>
#include <vector>

namespace arbor::km::wizards {

inline std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace arbor::km::wizards
