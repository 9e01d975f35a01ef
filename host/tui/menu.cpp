#include "host/tui/menu.hpp"

namespace arbor::host::tui {

menu_model::menu_model(std::string title, std::vector<menu_line> lines)
    : title_(std::move(title)), lines_(std::move(lines)) {
  for (std::size_t i = 0; i < lines_.size() && !selected_; ++i)
    if (!lines_[i].heading) selected_ = i;
}

std::optional<std::size_t> menu_model::selected_tag() const {
  if (!selected_) return std::nullopt;
  return lines_[*selected_].tag;
}

void menu_model::select(std::size_t line) noexcept {
  if (line < lines_.size() && !lines_[line].heading) selected_ = line;
}

void menu_model::move(int steps) {
  if (!selected_) return;
  std::size_t i = *selected_;
  for (int left = steps < 0 ? -steps : steps; left > 0; --left) {
    std::size_t next = i;
    do {  // the next entry in that direction, past headings; none at the ends
      if (steps < 0 ? next == 0 : next + 1 >= lines_.size()) {
        selected_ = i;
        return;
      }
      next = steps < 0 ? next - 1 : next + 1;
    } while (lines_[next].heading);
    i = next;
  }
  selected_ = i;
}

namespace {

char32_t lower(char32_t c) noexcept { return c >= U'A' && c <= U'Z' ? c - U'A' + U'a' : c; }

bool starts_with_letter(const std::string& label, char32_t c) noexcept {
  const auto first = label.find_first_not_of(' ');
  return first != std::string::npos && lower(static_cast<unsigned char>(label[first])) == lower(c);
}

}  // namespace

void menu_model::jump_to(char32_t c) {
  if (!selected_) return;
  for (std::size_t step = 1; step <= lines_.size(); ++step) {
    const std::size_t i = (*selected_ + step) % lines_.size();
    if (!lines_[i].heading && starts_with_letter(lines_[i].label, c)) {
      selected_ = i;
      return;
    }
  }
}

menu_action menu_model::handle(const key_event& k) {
  switch (k.code) {
    case key::up: move(-1); break;
    case key::down: move(1); break;
    case key::home:
    case key::page_up: move(-static_cast<int>(lines_.size())); break;
    case key::end:
    case key::page_down: move(static_cast<int>(lines_.size())); break;
    case key::enter: return selected_ ? menu_action::chosen : menu_action::none;
    case key::escape:
    case key::left: return menu_action::closed;
    case key::character:
      if (k.is(U'q')) return menu_action::closed;
      jump_to(k.ch);
      break;
    default: break;
  }
  return menu_action::none;
}

context_menu make_context_menu(const std::string& node_name, const node_menu& menu,
                               const std::function<std::string(const menu_entry&)>& note) {
  std::vector<menu_line> lines;
  std::vector<menu_entry> entries;
  for (const auto* slot : {&menu.all_tasks, &menu.properties}) {
    if (slot->empty()) continue;
    lines.push_back(menu_line{slot->front().slot, true, 0});
    for (const menu_entry& entry : *slot) {
      const std::string after = note ? note(entry) : std::string{};
      lines.push_back(menu_line{"  " + entry.label + (after.empty() ? "" : "  " + after), false, entries.size()});
      entries.push_back(entry);
    }
  }
  return context_menu{menu_model(node_name, std::move(lines)), std::move(entries)};
}

}  // namespace arbor::host::tui
