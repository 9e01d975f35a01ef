#pragma once
// The details pane's sort menu ('s'): each table's columns under the table's title, "the
// plugin's order" while a sort is in force; choosing the sorted column again reverses it.
#include "host/tui/menu.hpp"
#include "host/console/row_order.hpp"

#include <arbor/sdk/node.hpp>

#include <optional>
#include <string>
#include <vector>

namespace arbor::host::tui {

/// A line's tag indexes `choices`; nothing stands for the plugin's order.
struct sort_menu {
  menu_model model;
  std::vector<std::optional<sort_order>> choices;
};

/// The menu for `view` with `current` in force; the sorted column is selected to start with.
sort_menu make_sort_menu(const sdk::details_view& view, const std::optional<sort_order>& current);

/// How the title of a sorted table says so: "sorted by Name, descending".
std::string sort_label(const sdk::table& table, const sort_order& order);

}  // namespace arbor::host::tui
