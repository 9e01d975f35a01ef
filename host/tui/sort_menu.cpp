#include "host/tui/sort_menu.hpp"

namespace arbor::host::tui {

sort_menu make_sort_menu(const sdk::details_view& view, const std::optional<sort_order>& current) {
  std::vector<menu_line> lines;
  std::vector<std::optional<sort_order>> choices;
  std::optional<std::size_t> start;
  if (current) {
    lines.push_back(menu_line{"The plugin's order", false, choices.size()});
    choices.emplace_back();
  }
  for (std::size_t t = 0; t < view.tables.size(); ++t) {
    const sdk::table& table = view.tables[t];
    if (table.columns.empty()) continue;
    lines.push_back(menu_line{table.title, true, 0});
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      sort_order order{t, c, false};
      std::string label = "  " + table.columns[c].label;
      if (current && current->table == t && current->column == c) {
        order.descending = !current->descending;
        label += current->descending ? "  (descending now; again: ascending)" : "  (ascending now; again: descending)";
        start = lines.size();
      }
      lines.push_back(menu_line{std::move(label), false, choices.size()});
      choices.emplace_back(order);
    }
  }
  menu_model model("Sort the details by", std::move(lines));
  if (start) model.select(*start);
  return sort_menu{std::move(model), std::move(choices)};
}

std::string sort_label(const sdk::table& table, const sort_order& order) {
  const std::string column = order.column < table.columns.size() ? table.columns[order.column].label : "?";
  return "sorted by " + column + (order.descending ? ", descending" : ", ascending");
}

}  // namespace arbor::host::tui
