#include "host/tui/title_bar.hpp"

#include "host/tui/text.hpp"

#include <string_view>

namespace arbor::host::tui {
namespace {

constexpr std::string_view name = " Arbor console";
constexpr std::string_view before_dir = " - data directory ";
constexpr std::string_view cut = "...";

// The end of `text` in `room` columns: the last folders tell directories apart.
std::string keep_end(const std::string& text, std::size_t room) {
  const std::size_t cols = columns(text);
  if (cols <= room) return text;
  if (room <= cut.size()) return std::string(cut.substr(0, room));
  return std::string(cut) + text.substr(byte_offset(text, cols - (room - cut.size())));
}

}  // namespace

std::string title_text(const std::filesystem::path& data_dir, std::size_t width) {
  if (data_dir.empty()) return std::string(clip(std::string(name) + " - data directories under ./var (no --data-dir)", width));
  std::error_code ec;
  auto shown = std::filesystem::absolute(data_dir, ec);
  if (ec) shown = data_dir;
  const std::size_t fixed = name.size() + before_dir.size();
  if (width <= fixed + cut.size()) return std::string(clip(name, width));
  return std::string(name) + std::string(before_dir) + keep_end(printable(shown.lexically_normal().string()), width - fixed);
}

}  // namespace arbor::host::tui
