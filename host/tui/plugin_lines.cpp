#include "host/tui/plugin_lines.hpp"

#include "host/tui/text.hpp"

namespace arbor::host::tui {
namespace {

void add_wrapped(styled_lines& lines, const std::string& text, std::size_t width, style s) {
  for (std::string& line : wrap(printable(text), width > 4 ? width - 4 : width)) lines.push_back({"    " + line, s});
}

}  // namespace

styled_lines plugin_lines(const std::vector<plugin_status>& plugins, std::size_t width) {
  styled_lines lines;
  if (plugins.empty()) lines.push_back({"No plugin manifests were found; check --manifests.", style::notice});
  for (const plugin_status& p : plugins) {
    const bool failed = p.state == plugin_state::failed;
    std::string head = (p.id.empty() ? std::string("(unreadable manifest)") : p.id) + "  [" + to_string(p.state) + "]";
    if (p.manifest) head += "  " + p.manifest->name + " " + p.manifest->version;
    lines.push_back({std::string(clip(printable(head), width)), failed ? style::error : style::title});
    add_wrapped(lines, "manifest: " + p.manifest_file.string(), width, style::hint);
    if (p.state == plugin_state::inactive) add_wrapped(lines, p.error.message, width, style::notice);
    if (failed) {
      add_wrapped(lines, p.error.message, width, style::error);
      if (!p.error.technical.empty()) add_wrapped(lines, "detail: " + p.error.technical, width, style::hint);
    }
    lines.push_back({});
  }
  return lines;
}

std::size_t failed_count(const std::vector<plugin_status>& plugins) noexcept {
  std::size_t count = 0;
  for (const plugin_status& p : plugins) count += p.state == plugin_state::failed ? 1 : 0;
  return count;
}

}  // namespace arbor::host::tui
