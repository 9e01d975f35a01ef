#include "wizards/pattern_preview.hpp"

namespace arbor::km::wizards {

std::vector<std::string> pattern_preview(const std::string& pattern, const workflows::pattern_matches& found) {
  std::vector<std::string> lines{"The pattern '" + pattern + "' matches " + std::to_string(found.count) +
                                 (found.count == 1 ? " user" : " users") + (found.count == 0 ? "." : ":")};
  for (const auto& alias : found.first) lines.push_back("  " + alias);
  if (found.count > static_cast<std::int64_t>(found.first.size()))
    lines.push_back("  ... and " + std::to_string(found.count - static_cast<std::int64_t>(found.first.size())) + " more");
  return lines;
}

}  // namespace arbor::km::wizards
