#pragma once
// What F1 (or '?') shows: the help of the focused node, menu entry or wizard field, built from
// what plugins already declare (the manifest's help texts, since 1.2; page descriptions and
// field help) and the keys that work there. Every plugin text goes through printable().
#include "host/console/console_tree.hpp"
#include "host/console/menu_slots.hpp"
#include "host/tui/lines.hpp"

#include <arbor/sdk/wizard.hpp>

#include <cstddef>

namespace arbor::host::tui {

/// A node: its path, what it is, the manifest's help and what its menu offers.
styled_lines node_help(const tree_node& node, const node_menu& menu, std::size_t width);

/// A context menu entry: what it opens and the manifest's help.
styled_lines action_help(const menu_entry& entry, std::size_t width);

/// A wizard page with `field` focused (nothing: a button): the page's description, then the
/// field's label, kind and help, and the keys its input takes.
styled_lines field_help(const sdk::page& page, const sdk::field* field, std::size_t width);

}  // namespace arbor::host::tui
