#pragma once
// What a plugin sees of the console tree: the node a call is about, and the details view it
// returns for that node. Since 1.0.
#include <cstddef>
#include <string>
#include <vector>

namespace arbor::sdk {

/// A node of the console tree, as declared in a manifest: its full path from "Console Root"
/// (segments joined by '/') and its node type.
struct node_ref {
  std::string path;
  std::string type;
};

/// One column of a details table; `id` is stable (JSON keys), `label` is shown.
struct column {
  std::string id;
  std::string label;
};

/// A titled table in the details pane. `rows` holds the requested slice; `total_rows` says how
/// many exist, so a front end can page through large lists without asking for all of them.
struct table {
  std::string title;
  std::vector<column> columns;
  std::vector<std::vector<std::string>> rows;
  std::size_t total_rows{0};
};

/// Which slice of each table the front end wants.
struct row_window {
  std::size_t first{0};
  std::size_t max_rows{200};
};

/// The details pane of a node: warnings shown above everything (for example "the initial
/// password is still in use"), then one or more tables.
struct details_view {
  std::vector<std::string> notices;
  std::vector<table> tables;
};

}  // namespace arbor::sdk
