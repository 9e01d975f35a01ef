#pragma once
// Row actions: the operator selects rows of a details table and starts a task on them, which
// opens with those rows already chosen. A plugin offers it by deriving its plugin class from
// row_selection as well as from plugin; make_entry() then finds it (entry.hpp), and a console
// without it, or a plugin without it, opens every task the plain way. Since 1.2.
#include <arbor/sdk/error.hpp>
#include <arbor/sdk/node.hpp>
#include <arbor/sdk/wizard.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace arbor::sdk {

class row_selection {
 public:
  virtual ~row_selection() = default;

  /// The id of the column whose values name the rows of the table titled `table_title` in the
  /// details of `node` (each value names one row), or empty when its rows cannot be selected.
  virtual std::string row_key(const node_ref& node, std::string_view table_title) const = 0;

  /// Whether the action `action_id` on `node` can start with rows of `table_title` chosen.
  virtual bool takes_rows(const node_ref& node, std::string_view action_id, std::string_view table_title) const = 0;

  /// Starts `action_id` on `node` as plugin::open() does, with `rows` (values of the key column,
  /// at least one) as the defaults of the fields they answer. Only a default: the operator still
  /// sees and can change every page, and validate() trusts them no more than typed answers; a
  /// row that no longer exists is refused there like a typed one. Called only after
  /// takes_rows() said yes.
  virtual result<std::unique_ptr<wizard>> open_selected(const node_ref& node, std::string_view action_id,
                                                        std::string_view table_title,
                                                        const std::vector<std::string>& rows) = 0;
};

}  // namespace arbor::sdk
