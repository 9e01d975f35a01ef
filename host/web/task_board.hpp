#pragma once
// Copied from /work/wt/WEB-CONTRACT.md so web-server builds before web-tasks' branch is merged;
// web-tasks owns this file and its version replaces this one.
#include "host/console/console_tree.hpp"
#include "host/plugins/plugin_registry.hpp"
#include "host/web/plugin_gate.hpp"

#include <arbor/sdk/error.hpp>

#include <boost/json/object.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace arbor::host::web {

class task_board {
 public:
  task_board(plugin_registry& registry, const console_tree& tree, plugin_gate& gate, std::size_t max_tasks);
  ~task_board();
  sdk::result<std::string> start(const std::string& session_id, const std::string& node_path,
                                 const std::string& action_id, const std::vector<std::string>& rows);
  sdk::result<boost::json::object> state(const std::string& session_id, const std::string& task_id) const;
  sdk::result<boost::json::object> answer(const std::string& session_id, const std::string& task_id,
                                          const boost::json::object& request);
  sdk::result<void> cancel(const std::string& session_id, const std::string& task_id);
  sdk::result<boost::json::object> wait_change(const std::string& session_id, const std::string& task_id,
                                               std::uint64_t seen, std::chrono::milliseconds timeout) const;
  void drop_session(const std::string& session_id);
};

}  // namespace arbor::host::web
