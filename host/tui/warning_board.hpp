#pragma once
// What the console's status line warns about: plugins that failed, and the notices each node's
// details reported when they were last shown (the Key Manager's "initial password still in
// use"). Notices stay on the status line after the operator moves to another node, until the
// node's details are shown again without them.
#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace arbor::host::tui {

class warning_board {
 public:
  void set_failed_plugins(std::size_t count) noexcept { failed_plugins_ = count; }
  /// Replaces what the node at `path`, called `name`, warns about; none clears it.
  void set_notices(const std::string& path, const std::string& name, const std::vector<std::string>& notices);

  /// Every warning, plugin failures first, each a sentence for the operator.
  std::vector<std::string> all() const;
  /// The status line in at most `width` columns: "! " and the first warning, and how many more
  /// there are ("(w: 2 more)"); empty without warnings.
  std::string status_line(std::size_t width) const;

 private:
  std::size_t failed_plugins_{0};
  std::map<std::string, std::vector<std::string>> notices_;  ///< by node path, each "Name: notice"
};

}  // namespace arbor::host::tui
