#include "host/tui/warning_board.hpp"

#include "host/tui/text.hpp"

namespace arbor::host::tui {

void warning_board::set_notices(const std::string& path, const std::string& name,
                                const std::vector<std::string>& notices) {
  if (notices.empty()) {
    notices_.erase(path);
    return;
  }
  std::vector<std::string>& kept = notices_[path];
  kept.clear();
  for (const std::string& notice : notices) kept.push_back(name + ": " + notice);
}

std::vector<std::string> warning_board::all() const {
  std::vector<std::string> out;
  if (failed_plugins_ != 0)
    out.push_back(std::to_string(failed_plugins_) + (failed_plugins_ == 1 ? " plugin" : " plugins") +
                  " failed to load or work: press p to see why.");
  for (const auto& [path, notices] : notices_) out.insert(out.end(), notices.begin(), notices.end());
  return out;
}

std::string warning_board::status_line(std::size_t width) const {
  const std::vector<std::string> warnings = all();
  if (warnings.empty()) return {};
  const std::string more = warnings.size() > 1 ? "  (w: " + std::to_string(warnings.size() - 1) + " more)" : "";
  const std::size_t room = width > columns(more) ? width - columns(more) : 0;
  return std::string(clip("! " + printable(warnings.front()), room)) + more;
}

}  // namespace arbor::host::tui
