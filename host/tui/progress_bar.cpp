#include "host/tui/progress_bar.hpp"

#include <algorithm>

namespace arbor::host::tui {

std::string progress_bar(std::uint64_t done, std::uint64_t total, std::size_t width) {
  std::size_t filled = 0;
  if (total != 0) filled = static_cast<std::size_t>(static_cast<long double>(std::min(done, total)) * width / total);
  return "[" + std::string(filled, '#') + std::string(width - filled, total == 0 ? '?' : '-') + "]";
}

std::string progress_count(std::uint64_t done, std::uint64_t total) {
  return total == 0 ? std::to_string(done) : std::to_string(done) + "/" + std::to_string(total);
}

}  // namespace arbor::host::tui
